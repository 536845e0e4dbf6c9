import { ActivityFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ChannelActivities, SyncRange } from './channel-activities.js';

export const channelPollScheduleId = (tenantId: string, channelId: string) =>
  `channel-poll-${tenantId}-${channelId}`;
export const channelSyncWorkflowId = (syncId: string) => `channel-sync-${syncId}`;

/** Webhooks are at-least-once and sometimes lost: each poll re-reads a little before its cursor. */
const OVERLAP_MS = 10 * 60 * 1000;

export interface SyncChannelInput {
  readonly tenantId: string;
  readonly channelId: string;
  /** Set for a sync a person asked for; scheduled polls use their workflow id. */
  readonly syncId?: string;
  /** A backfill of this range instead of "since the cursor". */
  readonly range?: { readonly changedFrom?: string; readonly changedTo?: string };
}

const { channelCursor, recordChannelSync, recordChannelSyncFailure } = proxyActivities<ChannelActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

// A platform outage is retried for about 15 s within one poll; then the channel shows `failing`
// and the next scheduled poll tries again, from the same cursor, so it recovers by itself.
const { pollChannelPage } = proxyActivities<ChannelActivities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 5,
    nonRetryableErrorTypes: ['CredentialsRejectedError', 'ValidationError'],
  },
});

/**
 * One poll (or backfill) of a channel: every page of orders changed in the range, each recorded,
 * then the range is recorded as synced — the cursor advances only after its orders are events.
 */
export async function syncChannel(input: SyncChannelInput): Promise<{ seen: number; recorded: number }> {
  const ref = { tenantId: input.tenantId, channelId: input.channelId };
  const syncId = input.syncId ?? workflowInfo().workflowId;
  const { cursor, paused, now } = await channelCursor(ref);
  if (paused && input.syncId === undefined) return { seen: 0, recorded: 0 };
  const backfill = input.range?.changedFrom !== undefined;
  const range: SyncRange = {
    changedFrom: input.range?.changedFrom ?? new Date(Date.parse(cursor) - OVERLAP_MS).toISOString(),
    changedTo: input.range?.changedTo ?? now,
  };
  let seen = 0;
  let recorded = 0;
  const errors: { field: string; message: string }[] = [];
  try {
    let page: string | undefined;
    do {
      const result = await pollChannelPage({ ...ref, range, ...(page === undefined ? {} : { page }) });
      seen += result.seen;
      recorded += result.recorded;
      errors.push(...result.errors);
      page = result.next;
    } while (page !== undefined);
  } catch (error) {
    const cause = error instanceof ActivityFailure && error.cause instanceof Error ? error.cause : error;
    await recordChannelSyncFailure({
      ...ref,
      syncId,
      reason: cause instanceof Error ? cause.message : String(cause),
    });
    return { seen, recorded };
  }
  await recordChannelSync({ ...ref, syncId, range, seen, recorded, errors, advancesCursor: !backfill });
  return { seen, recorded };
}
