import { sql } from 'kysely';
import type { Db } from '../../adapters/db/database.js';
import type {
  XafInput,
  XafJournal,
  XafLedgerAccount,
  XafPeriod,
  XafTransaction,
  XafTransactionLine,
  XafVatCode,
} from '../../adapters/exports/xaf/xaf-model.js';
import { monthlyPeriods } from '../../adapters/exports/xaf/xaf-periods.js';
import { ledgerAccount } from '../../domain/ledger/chart-of-accounts.js';
import { type Decimal, decimal, formatAmount, sum } from '../../domain/shared/money.js';
import type { SellerSettings } from '../../domain/tenant/seller-settings.js';
import type { Period } from '../reports/period.js';

const PAGE = 2_000;

/**
 * The XAF 3.2 auditfile input for a tenant and a date range, read from the ledger read models:
 * company from the seller settings, the chart of accounts in use (RGS code as leadCode), the VAT
 * codes behind the VAT lines, monthly periods, the opening balance of the balance-sheet accounts,
 * and the sales and bank journals streamed page by page.
 */
export async function xafInput(
  db: Db,
  tenantId: string,
  seller: SellerSettings,
  range: Period,
  software: { name: string; version: string; today: string },
): Promise<XafInput> {
  const endDate = previousDay(range.until);
  const chart = seller.chartOfAccounts;
  const used = await db
    .selectFrom('journal_lines')
    .select(['account', sql<string>`min(account_name)`.as('name')])
    .where('tenant_id', '=', tenantId)
    .where('booking_date', '<', range.until)
    .groupBy('account')
    .orderBy('account')
    .execute();
  const accounts = used.map((a) => ledgerAccount(a.account, a.name, chart));
  const numberOf = new Map(accounts.map((a) => [a.key, a.number]));
  const ledgerAccounts: XafLedgerAccount[] = accounts.map((a) => ({
    accID: a.number,
    accDesc: a.name,
    accTp: a.type,
    leadCode: a.rgsCode,
  }));
  const periods = monthlyPeriods(range.from, endDate);
  const totals = await db
    .selectFrom('journal_lines')
    .select([
      sql<number>`count(*)::int`.as('lines'),
      sql<string>`coalesce(sum(debit), 0)::numeric(18, 2)::text`.as('debit'),
      sql<string>`coalesce(sum(credit), 0)::numeric(18, 2)::text`.as('credit'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('booking_date', '>=', range.from)
    .where('booking_date', '<', range.until)
    .executeTakeFirstOrThrow();
  const openingBalance = await openingBalanceOf(db, tenantId, range.from, numberOf);
  if (openingBalance?.lines.some((l) => l.accID === RESULT_ACCOUNT.accID))
    ledgerAccounts.push(RESULT_ACCOUNT);

  const journals: XafJournal[] = [
    {
      jrnID: 'VK',
      desc: 'Verkoopboek',
      jrnTp: 'S',
      transactions: transactions(db, tenantId, range, 'sales', periods, numberOf),
    },
    {
      jrnID: 'BNK',
      desc: 'Bank en PSP',
      jrnTp: 'B',
      transactions: transactions(db, tenantId, range, 'bank', periods, numberOf),
    },
  ];
  return {
    header: {
      fiscalYear: range.from.slice(0, 4),
      startDate: range.from,
      endDate,
      curCode: 'EUR',
      dateCreated: software.today,
      softwareDesc: software.name,
      softwareVersion: software.version,
    },
    company: {
      companyIdent: seller.kvk,
      companyName: seller.name,
      taxRegistrationCountry: seller.address.countryCode,
      taxRegIdent: seller.vatId,
      streetAddress: {
        streetname: seller.address.street,
        city: seller.address.city,
        postalCode: seller.address.postalCode,
        country: seller.address.countryCode,
      },
    },
    customers: customers(db, tenantId, range),
    ledgerAccounts,
    vatCodes: await vatCodes(db, tenantId, range, numberOf),
    periods,
    ...(openingBalance === undefined ? {} : { openingBalance }),
    transactions: {
      linesCount: totals.lines,
      totalDebit: totals.debit,
      totalCredit: totals.credit,
      journals,
    },
  };
}

/** A VAT code per (category, rate) and, for foreign/OSS liabilities, per country account. */
const vatCodeOf = (category: string, rate: string, account: string) => {
  const suffix = account.includes('-') ? account.slice(account.indexOf('-')) : '';
  return `${category}${rate}${suffix}`;
};

async function vatCodes(
  db: Db,
  tenantId: string,
  range: Period,
  numberOf: Map<string, string>,
): Promise<XafVatCode[]> {
  const rows = await db
    .selectFrom('journal_lines')
    .select(['vat_category', 'vat_rate', 'account'])
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('booking_date', '>=', range.from)
    .where('booking_date', '<', range.until)
    .where('account', 'like', 'BSchBepBtw%')
    .where('vat_category', 'is not', null)
    .execute();
  return rows.map((r) => ({
    vatID: vatCodeOf(r.vat_category!, r.vat_rate ?? '0', r.account),
    vatDesc: `Btw ${r.vat_category} ${r.vat_rate ?? '0'}%${r.account.includes('-') ? ` ${r.account.slice(r.account.indexOf('-') + 1)}` : ''}`,
    vatToPayAccID: numberOf.get(r.account) ?? r.account,
  }));
}

async function* customers(db: Db, tenantId: string, range: Period) {
  const rows = await db
    .selectFrom('customers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where(
      'customer_id',
      'in',
      db
        .selectFrom('journal_lines')
        .select('customer_id')
        .where('tenant_id', '=', tenantId)
        .where('booking_date', '>=', range.from)
        .where('booking_date', '<', range.until),
    )
    .orderBy('customer_id')
    .execute();
  for (const c of rows) {
    yield {
      custSupID: c.customer_id,
      custSupName: c.name,
      ...(c.email === null ? {} : { eMail: c.email }),
      ...(c.vat_id === null ? {} : { taxRegIdent: c.vat_id, taxRegistrationCountry: c.country_code }),
      custSupTp: 'C' as const,
      streetAddress: {
        streetname: c.street,
        city: c.city,
        postalCode: c.postal_code,
        country: c.country_code,
      },
    };
  }
}

/** Journal lines page by page (keyset on the event position), grouped into one transaction per entry. */
async function* transactions(
  db: Db,
  tenantId: string,
  range: Period,
  journal: 'sales' | 'bank',
  periods: readonly XafPeriod[],
  numberOf: Map<string, string>,
): AsyncGenerator<XafTransaction> {
  let after = { seq: '0', lineNo: 0 };
  let current: { entryId: string; rows: LineRow[] } | undefined;
  for (;;) {
    const page = await db
      .selectFrom('journal_lines')
      .select([
        'entry_id',
        sql<string>`seq::text`.as('seq'),
        'line_no',
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
      .where('journal', '=', journal)
      .where('booking_date', '>=', range.from)
      .where('booking_date', '<', range.until)
      .where(sql<boolean>`(seq, line_no) > (${after.seq}::bigint, ${after.lineNo})`)
      .orderBy('journal_lines.seq')
      .orderBy('line_no')
      .limit(PAGE)
      .execute();
    for (const row of page) {
      if (current !== undefined && current.entryId !== row.entry_id) {
        yield toTransaction(current.rows, journal, periods, numberOf);
        current = undefined;
      }
      current ??= { entryId: row.entry_id, rows: [] };
      current.rows.push(row);
    }
    if (page.length < PAGE) break;
    const last = page.at(-1)!;
    after = { seq: last.seq, lineNo: last.line_no };
  }
  if (current !== undefined) yield toTransaction(current.rows, journal, periods, numberOf);
}

interface LineRow {
  entry_id: string;
  booking_date: string;
  document_number: string;
  document_type: string;
  customer_id: string;
  account: string;
  account_name: string;
  debit: string;
  credit: string;
  vat_category: string | null;
  vat_rate: string | null;
}

function toTransaction(
  rows: readonly LineRow[],
  journal: 'sales' | 'bank',
  periods: readonly XafPeriod[],
  numberOf: Map<string, string>,
): XafTransaction {
  const first = rows[0]!;
  const period = periods.find(
    (p) => p.startDatePeriod <= first.booking_date && first.booking_date <= p.endDatePeriod,
  )!;
  const kind = first.document_type === 'credit_note' ? 'Creditnota' : 'Factuur';
  const lines = rows.map((row, i): XafTransactionLine => {
    const debit = row.debit !== '0.00';
    const amount = debit ? row.debit : row.credit;
    const isVatLine = row.account.startsWith('BSchBepBtw') && row.vat_category !== null;
    return {
      nr: String(i + 1),
      accID: numberOf.get(row.account) ?? row.account,
      docRef: row.document_number,
      effDate: row.booking_date,
      desc: row.account_name,
      amnt: amount,
      amntTp: debit ? 'D' : 'C',
      custSupID: row.customer_id,
      invRef: row.document_number,
      ...(isVatLine
        ? {
            vat: {
              vatID: vatCodeOf(row.vat_category!, row.vat_rate ?? '0', row.account),
              vatPerc: row.vat_rate ?? '0',
              vatAmnt: amount,
              vatAmntTp: debit ? 'D' : 'C',
            },
          }
        : {}),
    };
  });
  return {
    nr: journal === 'sales' ? first.document_number : `${first.document_number}-B`,
    desc: journal === 'sales' ? `${kind} ${first.document_number}` : `Betaling ${first.document_number}`,
    periodNumber: period.periodNumber,
    trDt: first.booking_date,
    lines,
  };
}

/**
 * The opening balance holds balance-sheet accounts only; the results booked on P&L accounts before
 * the period close into equity, so the opening balance balances (UNVERIFIED RGS code).
 */
const RESULT_ACCOUNT: XafLedgerAccount = {
  accID: 'BEivOvrRes',
  accDesc: 'Resultaat voorgaande perioden',
  accTp: 'B',
  leadCode: 'BEivOvr',
};

async function openingBalanceOf(db: Db, tenantId: string, from: string, numberOf: Map<string, string>) {
  const rows = await db
    .selectFrom('journal_lines')
    .select(['account', sql<string>`(sum(debit) - sum(credit))::numeric(18, 2)::text`.as('balance')])
    .where('tenant_id', '=', tenantId)
    .where('booking_date', '<', from)
    .where('account', 'like', 'B%')
    .groupBy('account')
    .having(sql<boolean>`sum(debit) - sum(credit) <> 0`)
    .orderBy('account')
    .execute();
  if (rows.length === 0) return undefined;
  const side = (balance: Decimal) => (balance.lt(0) ? ('C' as const) : ('D' as const));
  const lines = rows.map((r, i) => ({
    nr: String(i + 1),
    accID: numberOf.get(r.account) ?? r.account,
    amnt: formatAmount(decimal(r.balance).abs()),
    amntTp: side(decimal(r.balance)),
  }));
  const result = sum(rows.map((r) => decimal(r.balance))).neg();
  if (!result.eq(0)) {
    lines.push({
      nr: String(lines.length + 1),
      accID: RESULT_ACCOUNT.accID,
      amnt: formatAmount(result.abs()),
      amntTp: side(result),
    });
  }
  return { opBalDate: from, opBalDesc: 'Openingsbalans uit de grootboekmutaties vóór de periode', lines };
}

const previousDay = (isoDate: string) => {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
};
