import type { Kysely, Transaction } from 'kysely';
import type { ApiKeysTable } from './tables/api-keys.js';
import type { ChannelSyncsTable, ChannelsTable, WebhookDeliveriesTable } from './tables/channels.js';
import type { EventsTable } from './tables/events.js';
import type { IdempotencyKeysTable } from './tables/idempotency-keys.js';
import type { InvoicesTable } from './tables/invoices.js';
import type { CustomersTable, JournalLinesTable, VatLinesTable } from './tables/ledger.js';
import type { OrdersTable } from './tables/orders.js';
import type { ProjectionCheckpointsTable } from './tables/projection-checkpoints.js';
import type { ProjectionFailuresTable } from './tables/projection-failures.js';

export interface Database {
  events: EventsTable;
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  orders: OrdersTable;
  invoices: InvoicesTable;
  projection_checkpoints: ProjectionCheckpointsTable;
  projection_failures: ProjectionFailuresTable;
  journal_lines: JournalLinesTable;
  vat_lines: VatLinesTable;
  customers: CustomersTable;
  channels: ChannelsTable;
  channel_syncs: ChannelSyncsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

export type Db = Kysely<Database>;
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
