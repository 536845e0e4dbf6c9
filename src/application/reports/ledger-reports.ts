import { sql } from 'kysely';
import type { Db } from '../../adapters/db/database.js';
import {
  type ChartOfAccounts,
  type LedgerAccount,
  ledgerAccount,
} from '../../domain/ledger/chart-of-accounts.js';
import type { Period } from './period.js';

const RECEIVABLES_ACCOUNT = 'BVorDebHad';

/** Per document the receivable still open in the ledger (invoices minus payments and credit notes). */
export async function openReceivables(db: Db, tenantId: string, asOf: string | undefined) {
  const rows = await db
    .selectFrom('journal_lines')
    .select([
      'document_id',
      'document_number',
      'document_type',
      'customer_id',
      sql<string>`min(booking_date)`.as('bookingDate'),
      sql<string>`(sum(debit) - sum(credit))::numeric(18, 2)::text`.as('open'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('account', '=', RECEIVABLES_ACCOUNT)
    .$if(asOf !== undefined, (q) => q.where('booking_date', '<=', asOf!))
    .groupBy(['document_id', 'document_number', 'document_type', 'customer_id'])
    .having(sql<boolean>`sum(debit) - sum(credit) <> 0`)
    .orderBy(sql`min(booking_date)`)
    .orderBy('document_number')
    .execute();
  const total = await db
    .selectFrom('journal_lines')
    .select(sql<string>`coalesce(sum(debit) - sum(credit), 0)::numeric(18, 2)::text`.as('open'))
    .where('tenant_id', '=', tenantId)
    .where('account', '=', RECEIVABLES_ACCOUNT)
    .$if(asOf !== undefined, (q) => q.where('booking_date', '<=', asOf!))
    .executeTakeFirstOrThrow();
  return { asOf: asOf ?? null, total: total.open, lines: rows };
}

/** Journal lines of a period in booking order (the CSV export and the XAF transactions). */
export function journalLines(db: Db, tenantId: string, period: Period) {
  return db
    .selectFrom('journal_lines')
    .select([
      'entry_id',
      'line_no',
      'journal',
      'booking_date',
      'document_number',
      'document_type',
      'customer_id',
      'account',
      'account_name',
      sql<string>`debit::text`.as('debit'),
      sql<string>`credit::text`.as('credit'),
      'vat_category',
      'vat_rate',
    ])
    .where('tenant_id', '=', tenantId)
    .where('booking_date', '>=', period.from)
    .where('booking_date', '<', period.until)
    .orderBy('booking_date')
    .orderBy('journal_lines.seq')
    .orderBy('line_no');
}

/** The general ledger: per account, debit and credit totals and the balance for the period. */
export async function generalLedger(db: Db, tenantId: string, period: Period) {
  const rows = await db
    .selectFrom('journal_lines')
    .select([
      'account',
      sql<string>`min(account_name)`.as('accountName'),
      sql<string>`sum(debit)::numeric(18, 2)::text`.as('debit'),
      sql<string>`sum(credit)::numeric(18, 2)::text`.as('credit'),
      sql<string>`(sum(debit) - sum(credit))::numeric(18, 2)::text`.as('balance'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('booking_date', '>=', period.from)
    .where('booking_date', '<', period.until)
    .groupBy('account')
    .orderBy('account')
    .execute();
  return { period: period.label, accounts: rows };
}

/** The tenant's chart of accounts as far as the ledger uses it: own numbers/names over the RGS keys. */
export async function chartInUse(db: Db, tenantId: string, chart: ChartOfAccounts): Promise<LedgerAccount[]> {
  const used = await db
    .selectFrom('journal_lines')
    .select(['account', sql<string>`min(account_name)`.as('name')])
    .where('tenant_id', '=', tenantId)
    .groupBy('account')
    .orderBy('account')
    .execute();
  return used.map((row) => ledgerAccount(row.account, row.name, chart));
}
