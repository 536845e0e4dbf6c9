import { sql } from 'kysely';
import type { Db } from '../../adapters/db/database.js';
import { decimal, formatAmount, sum } from '../../domain/shared/money.js';
import type { Period } from './period.js';

export interface BoxFigure {
  readonly taxable: string;
  readonly vat: string;
}

/** Sums as exact numeric in SQL, returned as text with two decimals. */
const total = (column: 'taxable_eur' | 'vat_eur') =>
  sql<string>`coalesce(sum(${sql.ref(column)}), 0)::numeric(18, 2)::text`;

/**
 * The Dutch VAT return (aangifte omzetbelasting) for a period, from the VAT lines of the documents
 * issued in it (domain.md §2.5): 1a–1e sales, 3a exports, 3b intra-EU (= the ICP total), 5a VAT
 * owed. Purchase-side boxes (2a, 4a, 4b, 5b) are zero: purchases are not in this system. OSS sales
 * are declared in the OSS return, not here (domain.md §2.2 note).
 */
export async function vatReturn(db: Db, tenantId: string, period: Period) {
  const rows = await db
    .selectFrom('vat_lines')
    .select([
      'box',
      total('taxable_eur').as('taxable'),
      total('vat_eur').as('vat'),
      sql<number>`count(distinct document_id)::int`.as('documents'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('reporting_kind', '=', 'nl-return')
    .where('issue_date', '>=', period.from)
    .where('issue_date', '<', period.until)
    .groupBy('box')
    .execute();
  const byBox = new Map(rows.map((r) => [r.box!, r]));
  const figure = (box: string, withVat: boolean): BoxFigure & { documents: number } => ({
    taxable: byBox.get(box)?.taxable ?? '0.00',
    vat: withVat ? (byBox.get(box)?.vat ?? '0.00') : '0.00',
    documents: byBox.get(box)?.documents ?? 0,
  });
  const zero = { taxable: '0.00', vat: '0.00', documents: 0 };
  const boxes = {
    '1a': figure('1a', true),
    '1b': figure('1b', true),
    '1c': figure('1c', true),
    '1d': zero,
    '1e': figure('1e', false),
    '2a': zero,
    '3a': figure('3a', false),
    '3b': figure('3b', false),
    '3c': zero,
    '4a': zero,
    '4b': zero,
  };
  const owed = formatAmount(sum(['1a', '1b', '1c'].map((b) => decimal(boxes[b as '1a'].vat))));
  return {
    period: period.label,
    from: period.from,
    until: period.until,
    boxes: {
      ...boxes,
      '5a': { taxable: '0.00', vat: owed },
      '5b': { taxable: '0.00', vat: '0.00' },
      '5c': { taxable: '0.00', vat: owed },
      '5g': { taxable: '0.00', vat: owed },
    },
  };
}

/** The documents behind one box of the VAT return: every figure can be traced to its invoices. */
export async function vatReturnDocuments(db: Db, tenantId: string, period: Period, box: string) {
  return db
    .selectFrom('vat_lines')
    .select([
      'document_id',
      'document_number',
      'document_type',
      'issue_date',
      'category',
      'rate',
      total('taxable_eur').as('taxable'),
      total('vat_eur').as('vat'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('reporting_kind', '=', 'nl-return')
    .where('box', '=', box)
    .where('issue_date', '>=', period.from)
    .where('issue_date', '<', period.until)
    .groupBy(['document_id', 'document_number', 'document_type', 'issue_date', 'category', 'rate'])
    .orderBy('issue_date')
    .orderBy('document_number')
    .execute();
}

/**
 * The ICP listing (opgaaf intracommunautaire prestaties): per customer VAT ID and kind (goods: ICL,
 * services: reverse charge), the amount in the period of the invoice date (domain.md §2.4).
 */
export async function icpListing(db: Db, tenantId: string, period: Period) {
  const rows = await db
    .selectFrom('vat_lines')
    .select([
      'buyer_vat_id',
      'icp',
      total('taxable_eur').as('amount'),
      sql<string[]>`array_agg(distinct document_number order by document_number)`.as('documents'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('icp', 'is not', null)
    .where('issue_date', '>=', period.from)
    .where('issue_date', '<', period.until)
    .groupBy(['buyer_vat_id', 'icp'])
    .orderBy('buyer_vat_id')
    .orderBy('icp')
    .execute();
  const lines = rows.map((r) => ({
    vatId: r.buyer_vat_id ?? '',
    countryCode: (r.buyer_vat_id ?? '').slice(0, 2),
    kind: r.icp!,
    amount: r.amount,
    documents: r.documents,
  }));
  return { period: period.label, lines, total: formatAmount(sum(lines.map((l) => decimal(l.amount)))) };
}

/**
 * The OSS return (Union scheme) per member state of consumption and rate. Credit notes on sales of
 * an earlier period are corrections of that period, reported separately (domain.md §2.3).
 */
export async function ossReturn(db: Db, tenantId: string, period: Period) {
  const base = db
    .selectFrom('vat_lines')
    .where('tenant_id', '=', tenantId)
    .where('reporting_kind', '=', 'oss')
    .where('issue_date', '>=', period.from)
    .where('issue_date', '<', period.until);
  const inPeriod = sql<boolean>`(corrects_issue_date is null or corrects_issue_date >= ${period.from})`;
  const lines = await base
    .select(['country_code', 'rate', total('taxable_eur').as('taxable'), total('vat_eur').as('vat')])
    .where(inPeriod)
    .groupBy(['country_code', 'rate'])
    .orderBy('country_code')
    .orderBy('rate')
    .execute();
  const corrections = await base
    .select([
      'country_code',
      'rate',
      sql<string>`left(corrects_issue_date, 7)`.as('originalMonth'),
      total('taxable_eur').as('taxable'),
      total('vat_eur').as('vat'),
    ])
    .where(sql<boolean>`corrects_issue_date < ${period.from}`)
    .groupBy(['country_code', 'rate', sql`left(corrects_issue_date, 7)`])
    .execute();
  return {
    period: period.label,
    lines: lines.map((l) => ({ countryCode: l.country_code!, rate: l.rate, taxable: l.taxable, vat: l.vat })),
    corrections: corrections.map((c) => ({
      countryCode: c.country_code!,
      rate: c.rate,
      originalMonth: c.originalMonth,
      taxable: c.taxable,
      vat: c.vat,
    })),
  };
}

/** Revenue (excl. VAT, EUR) per sales channel in the period. */
export async function revenueByChannel(db: Db, tenantId: string, period: Period) {
  const rows = await db
    .selectFrom('vat_lines')
    .select([
      'channel',
      total('taxable_eur').as('net'),
      total('vat_eur').as('vat'),
      sql<number>`count(distinct document_id)::int`.as('documents'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('issue_date', '>=', period.from)
    .where('issue_date', '<', period.until)
    .groupBy('channel')
    .orderBy('channel')
    .execute();
  return { period: period.label, lines: rows };
}
