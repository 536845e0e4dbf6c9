import type { Kysely } from 'kysely';

/** Channel connections (without their credentials) and their syncs, as the API shows them. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('channels')
    .addColumn('channel_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('poll_interval_minutes', 'integer', (c) => c.notNull())
    .addColumn('paused', 'boolean', (c) => c.notNull())
    .addColumn('catalog', 'jsonb', (c) => c.notNull())
    .addColumn('last_sync_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Orders of a channel connection carry its id (two shops of one type may reuse order numbers).
  await db.schema.alterTable('orders').addColumn('channel_id', 'text').execute();
  await db.schema
    .createIndex('channels_by_tenant')
    .on('channels')
    .columns(['tenant_id', 'created_at'])
    .execute();
  // Platform webhook event ids already taken (Shopify X-Shopify-Event-Id, WooCommerce delivery id).
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('webhook_deliveries_pk', ['channel_id', 'event_id'])
    .execute();
  await db.schema
    .createTable('channel_syncs')
    .addColumn('sync_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('orders_seen', 'integer', (c) => c.notNull())
    .addColumn('orders_recorded', 'integer', (c) => c.notNull())
    .addColumn('errors', 'jsonb', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('channel_syncs').execute();
  await db.schema.dropTable('channels').execute();
  await db.schema.alterTable('orders').dropColumn('channel_id').execute();
}
