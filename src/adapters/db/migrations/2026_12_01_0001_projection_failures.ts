import { type Kysely, sql } from 'kysely';

/** Events a read model could not apply (poison events), and the list filters of the order list. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projection_failures')
    .addColumn('position', 'bigint', (c) => c.primaryKey())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('projection_failures_open')
    .on('projection_failures')
    .columns(['stream', 'position'])
    .where(sql.ref('resolved_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('orders_by_status')
    .on('orders')
    .columns(['tenant_id', 'status', 'seq'])
    .execute();
  await db.schema
    .createIndex('orders_by_channel')
    .on('orders')
    .columns(['tenant_id', 'channel', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_by_channel').execute();
  await db.schema.dropIndex('orders_by_status').execute();
  await db.schema.dropTable('projection_failures').execute();
}
