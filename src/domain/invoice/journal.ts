import { z } from 'zod';
import { allocateByWeight, type Decimal, decimal, formatAmount, round2, sum } from '../shared/money.js';
import { amountString } from '../shared/schemas.js';
import type { InvoiceDocument, VatBreakdown } from './invoice-document.js';

/**
 * The sales journal entry of an invoice (domain.md §7): Dr receivables (gross) / Cr revenue per VAT
 * breakdown entry (net) / Cr VAT payable (VAT) for standard-rated entries only. Accounts follow where
 * the amounts are reported: the Dutch return box, the OSS return per member state, a foreign VAT
 * registration, or nowhere (exempt, outside scope). A credit note is the exact mirror.
 * Account codes follow RGS where domain.md lists them; every other code is UNVERIFIED RGS (third-party
 * naming, to be checked against the official RGS file); the per-tenant chart of accounts comes later.
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

interface Account {
  readonly account: string;
  readonly accountName: string;
}

const RECEIVABLES: Account = { account: 'BVorDebHad', accountName: 'Debiteuren' };

/** Revenue per Dutch return box; RGS splits revenue by the box it belongs to (domain.md §7). */
const NL_REVENUE: Record<'1a' | '1b' | '1c' | '1e' | '3a', Account> = {
  '1a': { account: 'WOmzNohOlh', accountName: 'Omzet hoog tarief (1a)' },
  '1b': { account: 'WOmzNohOlv', accountName: 'Omzet laag tarief (1b)' },
  '1c': { account: 'WOmzNohOlo', accountName: 'Omzet overige tarieven (1c)' }, // UNVERIFIED RGS
  '1e': { account: 'WOmzNohOlg', accountName: 'Omzet 0% of niet bij u belast (1e)' }, // UNVERIFIED RGS
  '3a': { account: 'WOmzNohOla', accountName: 'Omzet export buiten de EU (3a)' }, // UNVERIFIED RGS
};
/** Box 3b: goods (ICL) and services (reverse charge) to the EU have their own RGS accounts. */
const EU_REVENUE: Record<'goods' | 'services', Account> = {
  goods: { account: 'WOmzNohOli', accountName: 'Omzet leveringen binnen de EU (3b)' },
  services: { account: 'WOmzNodOdi', accountName: 'Omzet diensten binnen de EU (3b)' },
};
const NL_VAT_PAYABLE: Record<'1a' | '1b' | '1c', Account> = {
  '1a': { account: 'BSchBepBtwOla', accountName: 'Af te dragen btw hoog tarief' },
  '1b': { account: 'BSchBepBtwOlv', accountName: 'Af te dragen btw laag tarief' },
  '1c': { account: 'BSchBepBtwOlo', accountName: 'Af te dragen btw overige tarieven' },
};
const EXEMPT_REVENUE: Account = { account: 'WOmzNohOvr', accountName: 'Omzet vrijgesteld van btw' }; // UNVERIFIED RGS
const OUTSIDE_SCOPE_REVENUE: Account = {
  account: 'WOmzNohNon',
  accountName: 'Omzet niet onderworpen aan btw',
}; // UNVERIFIED RGS

/**
 * OSS and foreign registrations: one revenue and one VAT account per member state, so each return
 * reconciles per country. No RGS code exists for these; sub-accounts under BSchBepBtw (UNVERIFIED RGS).
 */
const perCountry = (reporting: Extract<VatBreakdown['reporting'], { countryCode: string }>) => {
  const { countryCode } = reporting;
  return reporting.kind === 'oss'
    ? {
        revenue: { account: `WOmzNohOlh-OSS-${countryCode}`, accountName: `Omzet OSS ${countryCode}` },
        vat: { account: `BSchBepBtwOss-${countryCode}`, accountName: `Af te dragen btw OSS ${countryCode}` },
      }
    : {
        revenue: { account: `WOmzNohOlh-BTL-${countryCode}`, accountName: `Omzet btw ${countryCode}` },
        vat: { account: `BSchBepBtwBtl-${countryCode}`, accountName: `Af te dragen btw ${countryCode}` },
      };
};

const accountsFor = (entry: VatBreakdown): { revenue: Account; vat: Account | undefined } => {
  const { reporting } = entry;
  switch (reporting.kind) {
    case 'nl-return':
      if (reporting.box === '3b') return { revenue: EU_REVENUE[entry.icp ?? 'goods'], vat: undefined };
      return {
        revenue: NL_REVENUE[reporting.box],
        vat: reporting.box === '1e' || reporting.box === '3a' ? undefined : NL_VAT_PAYABLE[reporting.box],
      };
    case 'oss':
    case 'foreign':
      return perCountry(reporting);
    case 'exempt':
      return { revenue: EXEMPT_REVENUE, vat: undefined };
    case 'outside-scope':
      return { revenue: OUTSIDE_SCOPE_REVENUE, vat: undefined };
  }
};

/**
 * The ledger is kept in EUR: a foreign-currency invoice books each net at its exchange rate and the VAT
 * as stated in EUR on the invoice (BT-111, art. 230), spread over the entries; the receivable is the
 * exact sum, so the entry balances.
 */
export const breakdownInEuro = (invoice: InvoiceDocument): { nets: Decimal[]; vats: Decimal[] } => {
  const nets = invoice.vatBreakdown.map((entry) => decimal(entry.taxable));
  const vats = invoice.vatBreakdown.map((entry) => decimal(entry.vat));
  const { taxCurrency } = invoice;
  if (taxCurrency === undefined) return { nets, vats };
  const rate = decimal(taxCurrency.exchangeRate.rate);
  return {
    nets: nets.map((net) => round2(net.div(rate))),
    vats: allocateByWeight(decimal(taxCurrency.vat), vats),
  };
};

export function journalLinesFor(invoice: InvoiceDocument): JournalLine[] {
  const zero = '0.00';
  const { nets, vats } = breakdownInEuro(invoice);
  const credits: JournalLine[] = invoice.vatBreakdown.flatMap((entry, i) => {
    const { revenue, vat } = accountsFor(entry);
    const tags = { vatCategory: entry.category, vatRate: entry.rate };
    const lines: JournalLine[] = [{ ...revenue, debit: zero, credit: formatAmount(nets[i]!), ...tags }];
    // Only standard-rated sales carry VAT; K, AE, G, O, E and Z book no VAT line.
    if (vat !== undefined && entry.category === 'S' && vats[i]!.gt(0)) {
      lines.push({ ...vat, debit: zero, credit: formatAmount(vats[i]!), ...tags });
    }
    return lines;
  });
  const receivable = sum(credits.map((line) => decimal(line.credit)));
  const entry = [{ ...RECEIVABLES, debit: formatAmount(receivable), credit: zero }, ...credits];
  // Credit note: the same accounts with debit and credit swapped (domain.md §7).
  return invoice.type === 'credit_note'
    ? entry.map((line) => ({ ...line, debit: line.credit, credit: line.debit }))
    : entry;
}

export const isBalanced = (lines: readonly JournalLine[]): boolean =>
  formatAmount(sum(lines.map((l) => decimal(l.debit)))) ===
  formatAmount(sum(lines.map((l) => decimal(l.credit))));

/** PSP clearing for card/iDEAL/PayPal payouts, the bank for transfers (domain.md §7). UNVERIFIED RGS for the clearing code. */
const PSP_CLEARING: Account = { account: 'BLimKruSto', accountName: 'Kruisposten / PSP-tussenrekening' };
const BANK: Account = { account: 'BLimBanRba', accountName: 'Bank' };

/** The receivable an invoice or credit note books, in EUR. */
export const receivableInEuro = (invoice: InvoiceDocument): string => {
  const receivable = journalLinesFor(invoice).find((line) => line.account === RECEIVABLES.account)!;
  return invoice.type === 'credit_note' ? receivable.credit : receivable.debit;
};

/**
 * A payment in EUR: Dr bank or PSP clearing / Cr receivables; a refund on a credit note the other
 * way round (domain.md §7).
 */
export function paymentLinesFor(
  invoice: InvoiceDocument,
  amountEur: string,
  method: string | undefined,
): JournalLine[] {
  const via = (method ?? invoice.payment.method)?.toLowerCase();
  const cash = via === 'bank_transfer' || via === 'sepa_credit_transfer' ? BANK : PSP_CLEARING;
  const lines: JournalLine[] = [
    { ...cash, debit: amountEur, credit: '0.00' },
    { ...RECEIVABLES, debit: '0.00', credit: amountEur },
  ];
  return invoice.type === 'credit_note'
    ? lines.map((line) => ({ ...line, debit: line.credit, credit: line.debit }))
    : lines;
}
