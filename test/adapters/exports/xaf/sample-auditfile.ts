import type {
  XafInput,
  XafLedgerAccount,
  XafTransaction,
  XafTransactionLine,
} from '../../../../src/adapters/exports/xaf/xaf-model.js';
import { monthlyPeriods } from '../../../../src/adapters/exports/xaf/xaf-periods.js';
import { isoCountryOfVatPrefix } from '../../../../src/adapters/exports/xaf/xaf-values.js';
import { decimal, formatAmount, sum } from '../../../../src/domain/shared/money.js';

/**
 * A small but realistic year for a Dutch webshop, booked as domain.md §7 prescribes: a domestic invoice with
 * 21 % and 9 %, an OSS sale to a German consumer, an ICL supply to a Greek company (no VAT line), the credit
 * note mirroring the first invoice, a USD export invoice with currency elements, and a bank journal.
 */

export const LEDGER_ACCOUNTS: readonly XafLedgerAccount[] = [
  { accID: '0500', accDesc: 'Eigen vermogen', accTp: 'B' },
  { accID: '1100', accDesc: 'Bank', accTp: 'B', leadCode: 'BLimBanRba' },
  {
    accID: '1300',
    accDesc: 'Debiteuren',
    accTp: 'B',
    leadCode: 'BVorDebHad',
    leadReference: '1101010',
    leadDescription: 'Vorderingen op handelsdebiteuren',
    taxonomy: [{ taxoRef: 'RGS 3.7' }],
  },
  {
    accID: '1610',
    accDesc: 'Af te dragen btw hoog',
    accTp: 'B',
    leadCode: 'BSchBepBtwOla',
    leadReference: '1205010.02',
  },
  {
    accID: '1611',
    accDesc: 'Af te dragen btw laag',
    accTp: 'B',
    leadCode: 'BSchBepBtwOlv',
    leadReference: '1205010.03',
  },
  // No RGS code specific to OSS liabilities exists (domain.md §7): a sub-account per member state.
  { accID: '1620', accDesc: 'Af te dragen btw OSS DE', accTp: 'B' },
  {
    accID: '8000',
    accDesc: 'Omzet handelsgoederen 21 %',
    accTp: 'P',
    leadCode: 'WOmzNohOlh',
    leadReference: '8002010',
  },
  {
    accID: '8010',
    accDesc: 'Omzet handelsgoederen 9 %',
    accTp: 'P',
    leadCode: 'WOmzNohOlv',
    leadReference: '8002020',
  },
  { accID: '8020', accDesc: 'Omzet ICL (3b)', accTp: 'P', leadCode: 'WOmzNohOli', leadReference: '8002090' },
  { accID: '8025', accDesc: 'Omzet export (3a)', accTp: 'P' },
  { accID: '8030', accDesc: 'Omzet OSS DE', accTp: 'P' },
  { accID: '8900', accDesc: 'Koersverschillen', accTp: 'P' },
];

type Line = Omit<XafTransactionLine, 'nr' | 'docRef' | 'effDate'>;

/** Numbers the lines and fills in the document reference and date, as the booking code would. */
export const transaction = (
  nr: string,
  trDt: string,
  desc: string,
  lines: readonly Line[],
  options: { docDate?: string } = {},
): XafTransaction => ({
  nr,
  desc,
  periodNumber: Number(trDt.slice(5, 7)),
  trDt,
  sourceID: 'autofactuur',
  amnt: formatAmount(sum(lines.filter((l) => l.amntTp === 'D').map((l) => decimal(l.amnt)))),
  amntTp: 'D',
  lines: lines.map((line, index) => ({
    nr: String(index + 1),
    docRef: nr,
    effDate: options.docDate ?? trDt,
    ...line,
  })),
});

export const SALES: readonly XafTransaction[] = [
  transaction('F2026-0001', '2026-01-15', 'Factuur F2026-0001 (NL consument)', [
    { accID: '1300', amnt: '175.50', amntTp: 'D', custSupID: 'C-0001', invRef: 'F2026-0001' },
    { accID: '8000', amnt: '100.00', amntTp: 'C', desc: 'Omzet 21 %' },
    { accID: '8010', amnt: '50.00', amntTp: 'C', desc: 'Omzet 9 %' },
    {
      accID: '1610',
      amnt: '21.00',
      amntTp: 'C',
      vat: { vatID: 'H21', vatPerc: '21', vatAmnt: '21.00', vatAmntTp: 'C' },
    },
    {
      accID: '1611',
      amnt: '4.50',
      amntTp: 'C',
      vat: { vatID: 'L9', vatPerc: '9', vatAmnt: '4.50', vatAmntTp: 'C' },
    },
  ]),
  transaction('F2026-0002', '2026-01-20', 'Factuur F2026-0002 (OSS DE)', [
    { accID: '1300', amnt: '238.00', amntTp: 'D', custSupID: 'C-0002', invRef: 'F2026-0002' },
    { accID: '8030', amnt: '200.00', amntTp: 'C' },
    {
      accID: '1620',
      amnt: '38.00',
      amntTp: 'C',
      vat: { vatID: 'OSS-DE19', vatPerc: '19', vatAmnt: '38.00', vatAmntTp: 'C' },
    },
  ]),
  transaction('F2026-0003', '2026-02-03', 'Factuur F2026-0003 (ICL GR)', [
    { accID: '1300', amnt: '1000.00', amntTp: 'D', custSupID: 'C-0003', invRef: 'F2026-0003' },
    { accID: '8020', amnt: '1000.00', amntTp: 'C', desc: 'Intracommunautaire levering, btw verlegd' },
  ]),
  // Credit note: the exact mirror of F2026-0001 (same accounts and VAT codes, sides reversed).
  transaction('C2026-0001', '2026-02-10', 'Creditnota C2026-0001 op F2026-0001', [
    { accID: '1300', amnt: '175.50', amntTp: 'C', custSupID: 'C-0001', invRef: 'F2026-0001' },
    { accID: '8000', amnt: '100.00', amntTp: 'D' },
    { accID: '8010', amnt: '50.00', amntTp: 'D' },
    {
      accID: '1610',
      amnt: '21.00',
      amntTp: 'D',
      vat: { vatID: 'H21', vatPerc: '21', vatAmnt: '21.00', vatAmntTp: 'D' },
    },
    {
      accID: '1611',
      amnt: '4.50',
      amntTp: 'D',
      vat: { vatID: 'L9', vatPerc: '9', vatAmnt: '4.50', vatAmntTp: 'D' },
    },
  ]),
  transaction('F2026-0004', '2026-03-02', 'Factuur F2026-0004 (export VS, USD)', [
    {
      accID: '1300',
      amnt: '92.00',
      amntTp: 'D',
      custSupID: 'C-0004',
      invRef: 'F2026-0004',
      currency: { curCode: 'USD', curAmnt: '100.00' },
    },
    { accID: '8025', amnt: '92.00', amntTp: 'C', currency: { curCode: 'USD', curAmnt: '100.00' } },
  ]),
];

export const PAYMENTS: readonly XafTransaction[] = [
  transaction('B2026-0001', '2026-01-20', 'Betaling F2026-0001 (iDEAL via Mollie)', [
    { accID: '1100', amnt: '175.50', amntTp: 'D' },
    { accID: '1300', amnt: '175.50', amntTp: 'C', custSupID: 'C-0001', invRef: 'F2026-0001' },
  ]),
  transaction('B2026-0002', '2026-01-25', 'Betaling F2026-0002', [
    { accID: '1100', amnt: '238.00', amntTp: 'D' },
    { accID: '1300', amnt: '238.00', amntTp: 'C', custSupID: 'C-0002', invRef: 'F2026-0002' },
  ]),
  transaction('B2026-0003', '2026-02-12', 'Terugbetaling C2026-0001', [
    { accID: '1300', amnt: '175.50', amntTp: 'D', custSupID: 'C-0001', invRef: 'C2026-0001' },
    { accID: '1100', amnt: '175.50', amntTp: 'C' },
  ]),
  // USD 100 booked at 92.00, received as 91.50: the difference goes to koersverschillen (domain.md §7).
  transaction('B2026-0004', '2026-03-20', 'Betaling F2026-0004 (USD)', [
    { accID: '1100', amnt: '91.50', amntTp: 'D' },
    { accID: '8900', amnt: '0.50', amntTp: 'D' },
    {
      accID: '1300',
      amnt: '92.00',
      amntTp: 'C',
      custSupID: 'C-0004',
      invRef: 'F2026-0004',
      currency: { curCode: 'USD', curAmnt: '100.00' },
    },
  ]),
];

/** The header totals of `transactions`, as a SQL aggregate would deliver them before streaming. */
export const totalsOf = (transactions: readonly XafTransaction[]) => {
  const lines = transactions.flatMap((t) => t.lines);
  const side = (amntTp: 'D' | 'C') =>
    formatAmount(sum(lines.filter((l) => l.amntTp === amntTp).map((l) => decimal(l.amnt))));
  return { linesCount: lines.length, totalDebit: side('D'), totalCredit: side('C') };
};

/** Async generators, as the real export reads transactions from the database. */
async function* stream<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

export const sampleInput = (overrides: Partial<XafInput> = {}): XafInput => ({
  header: {
    fiscalYear: '2026',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    curCode: 'EUR',
    dateCreated: '2027-01-15',
    softwareDesc: 'Autofactuur',
    softwareVersion: '0.1.0',
  },
  company: {
    companyIdent: '12345678',
    companyName: 'Autofactuur Demo B.V.',
    taxRegistrationCountry: 'NL',
    taxRegIdent: 'NL123456789B01',
    streetAddress: {
      streetname: 'Damrak',
      number: '1',
      city: 'Amsterdam',
      postalCode: '1012 LG',
      country: 'NL',
    },
  },
  customers: stream([
    {
      custSupID: 'C-0001',
      custSupName: 'Jan de Vries',
      eMail: 'jan@example.nl',
      custSupTp: 'C',
      streetAddress: {
        streetname: 'Kerkstraat',
        number: '12',
        city: 'Utrecht',
        postalCode: '3511 AB',
        country: 'NL',
      },
    },
    {
      custSupID: 'C-0002',
      custSupName: 'Anna Müller & Söhne <Privat>',
      eMail: 'anna@example.de',
      custSupTp: 'C',
      streetAddress: {
        streetname: 'Hauptstraße',
        number: '5',
        city: 'Köln',
        postalCode: '50667',
        country: 'DE',
      },
    },
    {
      custSupID: 'C-0003',
      custSupName: 'Ελληνική Εταιρεία Α.Ε.',
      commerceNr: '123456789000',
      taxRegistrationCountry: isoCountryOfVatPrefix('EL'),
      taxRegIdent: 'EL094014201',
      custSupTp: 'C',
      streetAddress: { city: 'Αθήνα', country: 'GR' },
    },
    {
      custSupID: 'C-0004',
      custSupName: 'Acme Widgets Inc.',
      custSupTp: 'C',
      streetAddress: { country: 'US' },
    },
  ]),
  ledgerAccounts: LEDGER_ACCOUNTS,
  vatCodes: [
    { vatID: 'H21', vatDesc: 'Btw hoog 21 % (1a)', vatToPayAccID: '1610' },
    { vatID: 'L9', vatDesc: 'Btw laag 9 % (1b)', vatToPayAccID: '1611' },
    { vatID: 'OSS-DE19', vatDesc: 'OSS Duitsland 19 %', vatToPayAccID: '1620' },
    { vatID: 'ICL0', vatDesc: 'Intracommunautaire levering (3b)' },
  ],
  periods: monthlyPeriods('2026-01-01', '2026-12-31'),
  openingBalance: {
    opBalDate: '2026-01-01',
    lines: [
      { nr: '1', accID: '1100', amnt: '5000.00', amntTp: 'D' },
      { nr: '2', accID: '0500', amnt: '5000.00', amntTp: 'C' },
    ],
  },
  transactions: {
    ...totalsOf([...SALES, ...PAYMENTS]),
    journals: [
      { jrnID: 'VK', desc: 'Verkoopboek', jrnTp: 'S', transactions: stream(SALES) },
      { jrnID: 'BNK', desc: 'Bank NL91 ABNA 0417 1643 00', jrnTp: 'B', transactions: stream(PAYMENTS) },
    ],
  },
  ...overrides,
});

/** Runs the writer into a string. */
export const collect = () => {
  let xml = '';
  return {
    output: async (chunk: string) => {
      xml += chunk;
    },
    text: () => xml,
  };
};
