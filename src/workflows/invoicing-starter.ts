import {
  type Client,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { sql } from 'kysely';
import type { Db } from '../adapters/db/database.js';
import { loadConnection } from '../application/channels.js';
import type { EventStore, RecordedEvent, Subscription } from '../domain/ports/event-store.js';
import {
  creditNoteWorkflowId,
  INVOICING_TASK_QUEUE,
  type InvoiceOrderInput,
  invoiceWorkflowId,
  releaseSignal,
} from './invoice-order.workflow.js';
import { channelPollScheduleId, channelSyncWorkflowId } from './sync-channel.workflow.js';

const CHECKPOINT = 'invoicing-starter';
const CHECKPOINT_EVERY = 200;

/**
 * Starts one invoiceOrder workflow per OrderReceived event, and one processCreditNote workflow per
 * issued credit note (the event log is the outbox: an API
 * crash after appending the order cannot lose the start). At-least-once is safe because the
 * workflow id is the business key and Temporal refuses a second start for it, ever.
 */
export class InvoicingStarter {
  private subscription: Subscription | undefined;
  /** Events handled since the checkpoint was last written (EventStoreDB positions are byte offsets, not counts). */
  private unsaved = 0;

  constructor(
    private readonly deps: { db: Db; eventStore: EventStore; client: Client; taskQueue?: string },
    private readonly onError: (error: unknown) => void = (error) =>
      console.error('invoicing starter:', error),
  ) {}

  async start(): Promise<void> {
    const after = await this.loadCheckpoint();
    this.subscription = this.deps.eventStore.subscribeAll({
      after,
      onEvent: async (event) => {
        const started = await this.startFor(event);
        // Most events start nothing; re-reading a few hundred of them after a restart is cheaper than
        // a write per event, and a repeated start is refused by Temporal anyway.
        this.unsaved += 1;
        if (started || this.unsaved >= CHECKPOINT_EVERY) await this.saveCheckpoint(event.position);
      },
      onError: (error) => {
        this.onError(error);
        setTimeout(() => void this.restart(), 1_000);
      },
    });
  }

  /** Starts the workflow an event calls for; true when it did. */
  private async startFor(event: RecordedEvent): Promise<boolean> {
    if (event.type === 'OrderReceived') {
      const { tenantId, orderId } = event.data as InvoiceOrderInput;
      await this.startWorkflow('invoiceOrder', invoiceWorkflowId(tenantId, orderId), {
        tenantId,
        orderId,
      });
      return true;
    }
    if (event.type === 'OrderRetryRequested' || event.type === 'OrderVatIdDecided') {
      const { tenantId, orderId } = event.data as InvoiceOrderInput;
      await this.release(tenantId, orderId);
      return true;
    }
    if (event.type === 'ChannelConnected' || event.type === 'ChannelChanged') {
      await this.schedulePolls(event);
      return true;
    }
    if (event.type === 'ChannelSyncRequested') {
      const { tenantId, channelId, syncId, range } = event.data as {
        tenantId: string;
        channelId: string;
        syncId: string;
        range?: { changedFrom?: string; changedTo?: string };
      };
      await this.startWorkflow('syncChannel', channelSyncWorkflowId(syncId), {
        tenantId,
        channelId,
        syncId,
        ...(range === undefined ? {} : { range }),
      });
      return true;
    }
    if (event.type === 'InvoiceIssued') {
      const { invoice } = event.data as {
        invoice: { type: string; tenantId: string; orderId: string; invoiceId: string };
      };
      if (invoice.type === 'credit_note') {
        const { tenantId, orderId, invoiceId: creditNoteId } = invoice;
        await this.startWorkflow('processCreditNote', creditNoteWorkflowId(tenantId, creditNoteId), {
          tenantId,
          orderId,
          creditNoteId,
        });
        return true;
      }
    }
    return false;
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }

  private async restart(): Promise<void> {
    if (this.subscription === undefined) return;
    await this.stop();
    await this.start();
  }

  /**
   * Wakes the order's workflow where it waits; a workflow that already ended (before releases
   * existed, or after a crash of its run) is started again under the same id. Either way the order
   * is invoiced at most once: the invoice id derives from the order and every step is idempotent.
   */
  private async release(tenantId: string, orderId: string): Promise<void> {
    await this.deps.client.workflow.signalWithStart('invoiceOrder', {
      workflowId: invoiceWorkflowId(tenantId, orderId),
      taskQueue: this.deps.taskQueue ?? INVOICING_TASK_QUEUE,
      args: [{ tenantId, orderId }],
      signal: releaseSignal,
      signalArgs: [],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    });
  }

  /**
   * One Temporal Schedule per channel connection polls it (overlap: skip, so a slow poll is never
   * run twice at once); it follows the connection's interval and pause as they change.
   */
  private async schedulePolls(event: RecordedEvent): Promise<void> {
    const data = event.data as {
      tenantId: string;
      channelId: string;
      pollIntervalMinutes?: number;
      paused?: boolean;
    };
    const scheduleId = channelPollScheduleId(data.tenantId, data.channelId);
    const action = {
      type: 'startWorkflow' as const,
      workflowType: 'syncChannel',
      taskQueue: this.deps.taskQueue ?? INVOICING_TASK_QUEUE,
      args: [{ tenantId: data.tenantId, channelId: data.channelId }],
    };
    // Created from the connection as it is now, so a schedule lost with Temporal's data comes back right.
    const create = async () => {
      const connection = await loadConnection(this.deps, data.tenantId, data.channelId);
      try {
        await this.deps.client.schedule.create({
          scheduleId,
          spec: { intervals: [{ every: `${connection.pollIntervalMinutes}m` as const }] },
          action,
          policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
          state: { paused: connection.paused },
        });
      } catch (error) {
        if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      }
    };
    if (event.type === 'ChannelConnected') return create();
    if (data.pollIntervalMinutes === undefined && data.paused === undefined) return;
    const handle = this.deps.client.schedule.getHandle(scheduleId);
    try {
      if (data.pollIntervalMinutes !== undefined) {
        const every: `${number}m` = `${data.pollIntervalMinutes}m`;
        await handle.update((previous) => ({ ...previous, spec: { intervals: [{ every }] } }));
      }
      if (data.paused === true) await handle.pause('paused by the merchant');
      if (data.paused === false) await handle.unpause('resumed by the merchant');
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
      await create();
    }
  }

  private async startWorkflow(workflowType: string, workflowId: string, input: object): Promise<void> {
    try {
      await this.deps.client.workflow.start(workflowType, {
        workflowId,
        taskQueue: this.deps.taskQueue ?? INVOICING_TASK_QUEUE,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  private async loadCheckpoint(): Promise<bigint | undefined> {
    const row = await this.deps.db
      .selectFrom('projection_checkpoints')
      .select(sql<string>`position::text`.as('position'))
      .where('name', '=', CHECKPOINT)
      .executeTakeFirst();
    return row === undefined ? undefined : BigInt(row.position);
  }

  private async saveCheckpoint(position: bigint): Promise<void> {
    this.unsaved = 0;
    await this.deps.db
      .insertInto('projection_checkpoints')
      .values({ name: CHECKPOINT, position: String(position) })
      .onConflict((c) => c.column('name').doUpdateSet({ position: String(position) }))
      .execute();
  }
}
