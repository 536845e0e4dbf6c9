import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('journal_lines')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('journal', 'text', (c) => c.notNull())
    .addColumn('booking_date', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('account_name', 'text', (c) => c.notNull())
    .addColumn('debit', 'numeric(18, 2)', (c) => c.notNull())
    .addColumn('credit', 'numeric(18, 2)', (c) => c.notNull())
    .addColumn('vat_category', 'text')
    .addColumn('vat_rate', 'text')
    .addPrimaryKeyConstraint('journal_lines_pk', ['tenant_id', 'entry_id', 'line_no'])
    .execute();
  await db.schema
    .createIndex('journal_lines_tenant_date')
    .on('journal_lines')
    .columns(['tenant_id', 'booking_date'])
    .execute();

  await db.schema
    .createTable('vat_lines')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('supply_date', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('buyer_vat_id', 'text')
    .addColumn('buyer_country', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('rate', 'text', (c) => c.notNull())
    .addColumn('reporting_kind', 'text', (c) => c.notNull())
    .addColumn('box', 'text')
    .addColumn('country_code', 'text')
    .addColumn('icp', 'text')
    .addColumn('corrects_issue_date', 'text')
    .addColumn('taxable_eur', 'numeric(18, 2)', (c) => c.notNull())
    .addColumn('vat_eur', 'numeric(18, 2)', (c) => c.notNull())
    .addPrimaryKeyConstraint('vat_lines_pk', ['tenant_id', 'document_id', 'line_no'])
    .execute();
  await db.schema
    .createIndex('vat_lines_tenant_date')
    .on('vat_lines')
    .columns(['tenant_id', 'issue_date'])
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('vat_id', 'text')
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('is_business', 'boolean', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customers_pk', ['tenant_id', 'customer_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['customers', 'vat_lines', 'journal_lines']) await db.schema.dropTable(table).execute();
}
