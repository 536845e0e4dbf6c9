import { ApplicationFailure } from '@temporalio/common';
import type { NumberingDependencies } from '../application/assign-number.js';
import { type ChannelDependencies, loadConnection, recordChannelOrder } from '../application/channels.js';
import { handleCommand } from '../application/command-handler.js';
import { channelDecider } from '../domain/channel/channel.js';
import type { ChannelAdapters } from '../domain/ports/channel-adapters.js';
import { CredentialsRejectedError, RateLimitedError, ValidationError } from '../domain/shared/errors.js';
import { channelStream } from '../domain/streams.js';

export interface ChannelActivityDependencies extends ChannelDependencies, NumberingDependencies {
  readonly channels: ChannelAdapters;
}

interface ChannelRef {
  readonly tenantId: string;
  readonly channelId: string;
}

export interface SyncRange {
  readonly changedFrom: string;
  readonly changedTo: string;
}

/** Thin: load the connection, ask the platform, record what it says; errors become retry decisions. */
export function createChannelActivities(deps: ChannelActivityDependencies) {
  return {
    async channelCursor(ref: ChannelRef) {
      const connection = await loadConnection(deps, ref.tenantId, ref.channelId);
      // The range ends at the application's clock, the same clock that set the cursor.
      return { cursor: connection.cursor, paused: connection.paused, now: deps.clock.now().toISOString() };
    },

    /** One page of changed orders, each recorded (idempotent: a retried page records nothing twice). */
    async pollChannelPage(input: ChannelRef & { range: SyncRange; page?: string }) {
      const connection = await loadConnection(deps, input.tenantId, input.channelId);
      const client = deps.channels.clientFor(connection);
      try {
        const page = await client.listOrders(input.range, input.page);
        let recorded = 0;
        const errors: { field: string; message: string }[] = [];
        for (const order of page.orders) {
          const result = await recordChannelOrder(deps, connection, order);
          // In our books after this page, whether this sync or an earlier route (webhook, a retried page) stored it.
          if (result.outcome === 'recorded' || result.outcome === 'known') recorded += 1;
          errors.push(...result.errors);
        }
        return { next: page.next, seen: page.orders.length, recorded, errors };
      } catch (error) {
        throw asRetryDecision(error);
      }
    },

    async recordChannelSync(
      input: ChannelRef & {
        syncId: string;
        range: SyncRange;
        seen: number;
        recorded: number;
        errors: { field: string; message: string }[];
        advancesCursor: boolean;
      },
    ) {
      await handleCommand(
        deps.eventStore,
        channelStream(input.tenantId, input.channelId),
        channelDecider,
        {
          type: 'RecordSync',
          tenantId: input.tenantId,
          channelId: input.channelId,
          syncId: input.syncId,
          range: input.range,
          ordersSeen: input.seen,
          ordersRecorded: input.recorded,
          errors: input.errors.slice(0, 100),
          advancesCursor: input.advancesCursor,
          now: deps.clock.now(),
        },
        { commandId: `synced-${input.syncId}`, metadata: { tenantId: input.tenantId } },
      );
    },

    async recordChannelSyncFailure(input: ChannelRef & { syncId: string; reason: string }) {
      await handleCommand(
        deps.eventStore,
        channelStream(input.tenantId, input.channelId),
        channelDecider,
        {
          type: 'RecordSyncFailure',
          tenantId: input.tenantId,
          channelId: input.channelId,
          syncId: input.syncId,
          reason: input.reason,
          now: deps.clock.now(),
        },
        { commandId: `sync-failed-${input.syncId}`, metadata: { tenantId: input.tenantId } },
      );
    },
  };
}

export type ChannelActivities = ReturnType<typeof createChannelActivities>;

/** 429 waits as long as the platform asked; refused credentials and bad data are not retried. */
function asRetryDecision(error: unknown): unknown {
  if (error instanceof RateLimitedError) {
    return ApplicationFailure.create({
      type: 'RateLimitedError',
      message: error.message,
      nextRetryDelay: Math.max(error.retryAfterMs, 1_000),
    });
  }
  if (error instanceof CredentialsRejectedError || error instanceof ValidationError) {
    return ApplicationFailure.create({ type: error.name, message: error.message, nonRetryable: true });
  }
  return error;
}
