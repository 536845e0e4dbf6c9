import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projection_checkpoints')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull().unique())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['tenant_id', 'key'])
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('invoice_id', 'text')
    .addColumn('ordered_at', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('order', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('orders_pk', ['tenant_id', 'order_id'])
    .execute();
  await db.schema.createIndex('orders_tenant_seq').on('orders').columns(['tenant_id', 'seq']).execute();

  await db.schema
    .createTable('invoices')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('net', 'numeric(18, 2)', (c) => c.notNull())
    .addColumn('vat', 'numeric(18, 2)', (c) => c.notNull())
    .addColumn('gross', 'numeric(18, 2)', (c) => c.notNull())
    .addColumn('document', 'jsonb', (c) => c.notNull())
    .addColumn('pdf_sha256', 'text')
    .addColumn('ubl_sha256', 'text')
    .addColumn('sent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('booked', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('invoices_pk', ['tenant_id', 'invoice_id'])
    .execute();
  await db.schema.createIndex('invoices_tenant_seq').on('invoices').columns(['tenant_id', 'seq']).execute();
  await db.schema
    .createIndex('invoices_tenant_number')
    .on('invoices')
    .columns(['tenant_id', 'type', 'number'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['invoices', 'orders', 'idempotency_keys', 'api_keys', 'projection_checkpoints']) {
    await db.schema.dropTable(table).execute();
  }
}
