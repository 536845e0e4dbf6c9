import { z } from 'zod';
import {
  type ChannelCatalog,
  type ChannelConnection,
  type ChannelMode,
  type ChannelType,
  channelDecider,
} from '../domain/channel/channel.js';
import { invoiceDecider } from '../domain/invoice/invoice.js';
import { orderSubmissionSchema } from '../domain/order/order.js';
import { orderDecider } from '../domain/order/order-decider.js';
import type { ChannelAdapters } from '../domain/ports/channel-adapters.js';
import type { ChannelOrder, ChannelWebhooks } from '../domain/ports/channel-client.js';
import type { PlatformAddressCheck } from '../domain/ports/platform-address-check.js';
import type { SecretBox } from '../domain/ports/secret-box.js';
import { DependencyUnavailableError, NotFoundError, ValidationError } from '../domain/shared/errors.js';
import { deterministicId } from '../domain/shared/ids.js';
import { channelStream, invoiceStream, orderStream } from '../domain/streams.js';
import type { NumberingDependencies } from './assign-number.js';
import { handleCommand, loadState } from './command-handler.js';
import type { AppDependencies } from './dependencies.js';
import { issueCreditNote } from './issue-credit-note.js';
import { invoiceIdFor, receiveOrder } from './orders.js';

export interface ChannelDependencies extends AppDependencies {
  readonly secrets: SecretBox;
}

/** What each platform needs to be reached (docs/api.md "Channels"); stored sealed, never returned. */
export const channelCredentialsSchemas = {
  woocommerce: z.object({
    consumerKey: z.string().min(1).max(200),
    consumerSecret: z.string().min(1).max(200),
    webhookSecret: z.string().min(1).max(200),
  }),
  shopify: z.object({ accessToken: z.string().min(1).max(200), webhookSecret: z.string().min(1).max(200) }),
  bol: z.object({ clientId: z.string().min(1).max(200), clientSecret: z.string().min(1).max(200) }),
} as const;
export type ChannelCredentials = Record<string, string>;

export interface ConnectChannelInput {
  readonly type: ChannelType;
  readonly name: string;
  readonly baseUrl: string;
  readonly tokenUrl?: string;
  readonly credentials: ChannelCredentials;
  readonly mode: ChannelMode;
  readonly pollIntervalMinutes: number;
  readonly catalog: ChannelCatalog;
  /** Import orders changed since then; default: the last 30 days in test mode (drafts), none in automatic. */
  readonly syncFrom?: Date;
}

/**
 * A shop connected in test mode shows what its recent orders would have become (drafts, harmless);
 * in automatic mode only orders from now on are invoiced, unless the merchant asks for older ones:
 * orders from before the connection may have been invoiced elsewhere already.
 */
const TEST_MODE_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;

export async function connectChannel(
  deps: ChannelDependencies & { readonly addressCheck: PlatformAddressCheck },
  tenantId: string,
  input: ConnectChannelInput,
): Promise<{ channelId: string; position: bigint | undefined }> {
  const credentials = channelCredentialsSchemas[input.type].safeParse(input.credentials);
  if (!credentials.success) {
    throw new ValidationError(
      `These are not ${input.type} credentials`,
      credentials.error.issues.map((issue) => ({
        field: ['credentials', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
  if (input.type === 'bol' && input.tokenUrl === undefined) {
    throw new ValidationError('A bol connection needs its token URL', [
      { field: 'tokenUrl', message: 'is required for bol (e.g. https://login.bol.com/token)' },
    ]);
  }
  const urls = { baseUrl: input.baseUrl, tokenUrl: input.tokenUrl };
  const refusals = [];
  for (const [field, url] of Object.entries(urls)) {
    const refusal = url === undefined ? undefined : await deps.addressCheck.refusal(url);
    if (refusal !== undefined) refusals.push({ field, message: refusal });
  }
  if (refusals.length > 0) throw new ValidationError('This platform address may not be called', refusals);
  const channelId = deps.ids.newId();
  const { position } = await handleCommand(
    deps.eventStore,
    channelStream(tenantId, channelId),
    channelDecider,
    {
      type: 'ConnectChannel',
      tenantId,
      channelId,
      channelType: input.type,
      name: input.name,
      baseUrl: input.baseUrl.replace(/\/+$/, ''),
      ...(input.tokenUrl === undefined ? {} : { tokenUrl: input.tokenUrl }),
      credentials: deps.secrets.seal(JSON.stringify(credentials.data)),
      mode: input.mode,
      pollIntervalMinutes: input.pollIntervalMinutes,
      catalog: input.catalog,
      ...(input.syncFrom !== undefined
        ? { syncFrom: input.syncFrom }
        : input.mode === 'test'
          ? { syncFrom: new Date(deps.clock.now().getTime() - TEST_MODE_LOOKBACK_MS) }
          : {}),
      now: deps.clock.now(),
    },
    { commandId: 'connect', metadata: { tenantId } },
  );
  return { channelId, position };
}

export async function changeChannel(
  deps: ChannelDependencies,
  tenantId: string,
  channelId: string,
  patch: {
    mode?: ChannelMode;
    pollIntervalMinutes?: number;
    paused?: boolean;
    credentials?: ChannelCredentials;
    catalog?: ChannelCatalog;
  },
): Promise<bigint | undefined> {
  const connection = await loadConnection(deps, tenantId, channelId);
  let credentials: ChannelCredentials | undefined;
  if (patch.credentials !== undefined) {
    // A partial change keeps the other credentials (e.g. only a new webhook secret).
    const merged = { ...openCredentials(deps.secrets, connection), ...patch.credentials };
    const parsed = channelCredentialsSchemas[connection.type].safeParse(merged);
    if (!parsed.success) {
      throw new ValidationError(
        `These are not ${connection.type} credentials`,
        parsed.error.issues.map((issue) => ({
          field: ['credentials', ...issue.path.map(String)].join('.'),
          message: issue.message,
        })),
      );
    }
    credentials = parsed.data;
  }
  const now = deps.clock.now();
  const { position } = await handleCommand(
    deps.eventStore,
    channelStream(tenantId, channelId),
    channelDecider,
    {
      type: 'ChangeChannel',
      tenantId,
      channelId,
      ...(patch.mode === undefined ? {} : { mode: patch.mode }),
      ...(patch.pollIntervalMinutes === undefined ? {} : { pollIntervalMinutes: patch.pollIntervalMinutes }),
      ...(patch.paused === undefined ? {} : { paused: patch.paused }),
      ...(patch.catalog === undefined ? {} : { catalog: patch.catalog }),
      ...(credentials === undefined ? {} : { credentials: deps.secrets.seal(JSON.stringify(credentials)) }),
      now,
    },
    { commandId: `change-${now.toISOString()}-${deps.ids.newId()}`, metadata: { tenantId } },
  );
  return position;
}

export async function requestChannelSync(
  deps: ChannelDependencies,
  tenantId: string,
  channelId: string,
  range: { changedFrom?: string; changedTo?: string },
  requestedBy: string,
): Promise<{ syncId: string; position: bigint | undefined }> {
  await loadConnection(deps, tenantId, channelId);
  const syncId = deps.ids.newId();
  const { position } = await handleCommand(
    deps.eventStore,
    channelStream(tenantId, channelId),
    channelDecider,
    {
      type: 'RequestSync',
      tenantId,
      channelId,
      syncId,
      ...(range.changedFrom === undefined && range.changedTo === undefined ? {} : { range }),
      requestedBy,
      now: deps.clock.now(),
    },
    { commandId: `sync-${syncId}`, metadata: { tenantId } },
  );
  return { syncId, position };
}

export async function loadConnection(
  deps: Pick<AppDependencies, 'eventStore'>,
  tenantId: string,
  channelId: string,
): Promise<ChannelConnection> {
  const { state } = await loadState(deps.eventStore, channelStream(tenantId, channelId), channelDecider);
  if (state.status === 'none') throw new NotFoundError(`Channel ${channelId} not found`);
  const { status: _status, ...connection } = state;
  return connection;
}

export const openCredentials = (secrets: SecretBox, connection: ChannelConnection): ChannelCredentials =>
  JSON.parse(secrets.open(connection.credentials)) as ChannelCredentials;

/**
 * A channel in test mode lets the merchant see what would be invoiced without a legal number being
 * taken or anything sent or booked: its orders wait for a person (`POST /v1/orders/:id/retry`
 * invoices one for real); after switching to `automatic`, new orders are invoiced by themselves.
 */
export const TEST_MODE_HOLD =
  'Channel in test mode: not invoiced until released (POST /v1/orders/<id>/retry) or the channel is switched to automatic';

export type ChannelOrderOutcome = 'recorded' | 'known' | 'not_yet' | 'refused';

export interface ChannelOrderResult {
  readonly outcome: ChannelOrderOutcome;
  readonly orderId?: string;
  readonly creditNotes: number;
  readonly errors: readonly { field: string; message: string }[];
}

/**
 * One platform order into our books: recorded once whatever route brought it (webhook or poll), its
 * refunds as credit notes once each. An order the mapping cannot turn into a valid invoice is
 * refused with its field errors (the sync reports them) rather than guessed. A refund of an order
 * whose invoice is not issued yet is an outage to retry: the cursor must not pass it.
 */
export async function recordChannelOrder(
  deps: AppDependencies & NumberingDependencies,
  connection: ChannelConnection,
  channelOrder: ChannelOrder,
): Promise<ChannelOrderResult> {
  if (channelOrder.refusal !== undefined) {
    return {
      outcome: 'refused',
      creditNotes: 0,
      errors: channelOrder.refusal.map((e) => ({
        field: `${channelOrder.externalId}: ${e.field}`,
        message: e.message,
      })),
    };
  }
  if (channelOrder.order === undefined) return { outcome: 'not_yet', creditNotes: 0, errors: [] };
  const parsed = orderSubmissionSchema.safeParse({
    ...channelOrder.order,
    channel: connection.type,
    channelId: connection.channelId,
  });
  if (!parsed.success) {
    return {
      outcome: 'refused',
      creditNotes: 0,
      errors: parsed.error.issues.map((issue) => ({
        field: `${channelOrder.externalId}: ${issue.path.join('.')}`,
        message: issue.message,
      })),
    };
  }
  const received = await receiveOrder(
    deps,
    connection.tenantId,
    parsed.data,
    'keep',
    connection.mode === 'test' ? TEST_MODE_HOLD : undefined,
  );
  let creditNotes = 0;
  if (channelOrder.refunds.length > 0) {
    const invoiceId = invoiceIdFor(connection.tenantId, received.orderId);
    const { state } = await loadState(
      deps.eventStore,
      invoiceStream(connection.tenantId, invoiceId),
      invoiceDecider,
    );
    if (state.status !== 'issued') {
      const { state: order } = await loadState(
        deps.eventStore,
        orderStream(connection.tenantId, received.orderId),
        orderDecider,
      );
      // Parked or held for a person: one order must not stop its channel; the sync reports it and
      // a backfill after the release credits the refunds.
      if (order.status === 'held' || order.status === 'needs_attention') {
        return {
          outcome: received.created ? 'recorded' : 'known',
          orderId: received.orderId,
          creditNotes: 0,
          errors: [
            {
              field: `${channelOrder.externalId}: refunds`,
              message: `not credited: the order is ${order.status} (${order.reason ?? 'see the order'}); sync this range again once it is invoiced`,
            },
          ],
        };
      }
      // Being invoiced right now: the page is retried shortly, and the cursor waits for it.
      throw new DependencyUnavailableError(
        `Order ${channelOrder.externalId} has refunds but its invoice is not issued yet; retrying`,
      );
    }
    for (const refund of channelOrder.refunds) {
      await issueCreditNote(deps, {
        tenantId: connection.tenantId,
        invoiceId,
        creditNoteId: deterministicId(
          'channel-refund',
          connection.tenantId,
          connection.channelId,
          refund.refundId,
        ),
        request: {
          kind: 'amount',
          amount: refund.amount,
          reason: refund.reason ?? `Refund ${refund.refundId}`,
        },
      });
      creditNotes += 1;
    }
  }
  return {
    outcome: received.created ? 'recorded' : 'known',
    orderId: received.orderId,
    creditNotes,
    errors: [],
  };
}

export interface WebhookOutcome {
  readonly received: boolean;
  /** The platform delivered this event before and it was taken then. */
  readonly duplicate?: boolean;
  readonly orderId?: string;
  readonly errors: readonly { field: string; message: string }[];
}

/**
 * A webhook whose signature was checked: a redelivery of an event already taken is recognised by
 * the platform's event id (X-Shopify-Event-Id, WooCommerce's delivery id) and answered as such; a
 * webhook that only names an order has the order read through the API; the order is then recorded
 * like a polled one. The event id is remembered only once done, so a delivery that failed half-way
 * is done again when the platform redelivers it.
 */
export async function takeVerifiedWebhook(
  deps: AppDependencies & NumberingDependencies & { channels: ChannelAdapters },
  connection: ChannelConnection,
  webhooks: ChannelWebhooks,
  rawBody: Buffer,
  headers: Readonly<Record<string, string | undefined>>,
): Promise<WebhookOutcome> {
  const eventId = headers['x-shopify-event-id'] ?? headers['x-wc-webhook-delivery-id'];
  if (eventId !== undefined) {
    const seen = await deps.db
      .selectFrom('webhook_deliveries')
      .select('event_id')
      .where('channel_id', '=', connection.channelId)
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    if (seen !== undefined) return { received: false, duplicate: true, errors: [] };
  }
  const message = webhooks.parse(rawBody, headers);
  let order = message.kind === 'order' ? message.order : undefined;
  if (message.kind === 'ignored') {
    const reread = webhooks.orderToReread?.(rawBody, headers);
    if (reread !== undefined) order = await deps.channels.clientFor(connection).getOrder?.(reread);
  }
  if (order === undefined) return { received: false, errors: [] };
  const result = await recordChannelOrder(deps, connection, order);
  if (eventId !== undefined) {
    await deps.db
      .insertInto('webhook_deliveries')
      .values({ channel_id: connection.channelId, event_id: eventId, received_at: deps.clock.now() })
      .onConflict((oc) => oc.columns(['channel_id', 'event_id']).doNothing())
      .execute();
  }
  return {
    received: true,
    ...(result.orderId === undefined ? {} : { orderId: result.orderId }),
    errors: result.errors,
  };
}
