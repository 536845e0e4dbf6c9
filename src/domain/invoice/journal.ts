import { z } from 'zod';
import { decimal, formatAmount, sum } from '../shared/money.js';
import { amountString } from '../shared/schemas.js';
import type { InvoiceDocument } from './invoice-document.js';

/**
 * The sales journal entry of an invoice (domain.md §7): Dr receivables (gross) / Cr revenue per
 * VAT category and rate (net) / Cr VAT payable per rate. Account codes follow RGS; the full
 * per-tenant chart of accounts is a later capability.
 */
export const journalLineSchema = z.object({
  account: z.string(),
  accountName: z.string(),
  debit: amountString,
  credit: amountString,
  vatCategory: z.string().optional(),
  vatRate: z.string().optional(),
});
export type JournalLine = z.infer<typeof journalLineSchema>;

const RECEIVABLES = { account: 'BVorDebHad', accountName: 'Debiteuren' };
const REVENUE: Record<string, { account: string; accountName: string }> = {
  'S:21': { account: 'WOmzNohOlh', accountName: 'Omzet hoog tarief (1a)' },
  'S:9': { account: 'WOmzNohOlv', accountName: 'Omzet laag tarief (1b)' },
  'Z:0': { account: 'WOmzNohOnu', accountName: 'Omzet 0% (1e)' },
  'E:0': { account: 'WOmzNohOvr', accountName: 'Omzet vrijgesteld' },
};
const VAT_PAYABLE: Record<string, { account: string; accountName: string }> = {
  '21': { account: 'BSchBepBtwOla', accountName: 'Af te dragen btw hoog tarief' },
  '9': { account: 'BSchBepBtwOlv', accountName: 'Af te dragen btw laag tarief' },
};

export function journalLinesFor(invoice: InvoiceDocument): JournalLine[] {
  const zero = '0.00';
  const lines: JournalLine[] = [{ ...RECEIVABLES, debit: invoice.totals.gross, credit: zero }];
  for (const b of invoice.vatBreakdown) {
    const revenue = REVENUE[`${b.category}:${b.rate}`] ?? { account: 'WOmzNoh', accountName: 'Omzet overig' };
    lines.push({ ...revenue, debit: zero, credit: b.taxable, vatCategory: b.category, vatRate: b.rate });
    if (decimal(b.vat).gt(0)) {
      const payable = VAT_PAYABLE[b.rate] ?? {
        account: 'BSchBepBtwOlo',
        accountName: 'Af te dragen btw overig',
      };
      lines.push({ ...payable, debit: zero, credit: b.vat, vatCategory: b.category, vatRate: b.rate });
    }
  }
  return lines;
}

export const isBalanced = (lines: readonly JournalLine[]): boolean =>
  formatAmount(sum(lines.map((l) => decimal(l.debit)))) ===
  formatAmount(sum(lines.map((l) => decimal(l.credit))));
