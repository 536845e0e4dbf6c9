import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatInvoiceNumber,
  type InvoiceSeriesEvent,
  invoiceSeriesDecider,
} from '../../../src/domain/series/invoice-series.js';
import { DEFAULT_NUMBERING, numberingSchema, seriesFor } from '../../../src/domain/series/numbering.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { sellerSettingsSchema } from '../../../src/domain/tenant/seller-settings.js';

const now = new Date('2026-11-27T10:00:00Z');

describe('numbering settings', () => {
  const sellerInput = {
    name: 'Voorbeeld Webwinkel B.V.',
    vatId: 'NL859999999B01',
    kvk: '12345678',
    iban: 'NL91ABNA0417164300',
    email: 'factuur@voorbeeld.example',
    address: { street: 'Keizersgracht 1', postalCode: '1015 AA', city: 'Amsterdam', countryCode: 'NL' },
  };

  it('defaults to yearly series "{YYYY}-" and "C{YYYY}-" with six digits when the seller settings omit them', () => {
    expect(sellerSettingsSchema.parse(sellerInput).numbering).toEqual({
      invoicePrefix: '{YYYY}-',
      creditNotePrefix: 'C{YYYY}-',
      yearlyRestart: true,
      digits: 6,
    });
    expect(numberingSchema.parse({ digits: 8 })).toEqual({ ...DEFAULT_NUMBERING, digits: 8 });
  });

  it('accepts 4 to 10 digits only', () => {
    expect(numberingSchema.safeParse({ digits: 4 }).success).toBe(true);
    expect(numberingSchema.safeParse({ digits: 10 }).success).toBe(true);
    expect(numberingSchema.safeParse({ digits: 3 }).success).toBe(false);
    expect(numberingSchema.safeParse({ digits: 11 }).success).toBe(false);
    expect(numberingSchema.safeParse({ digits: 6.5 }).success).toBe(false);
  });

  it('refuses settings that would print the same number twice (art. 226 (2) Directive 2006/112/EC)', () => {
    const paths = (input: unknown) =>
      numberingSchema.safeParse(input).error?.issues.map((issue) => issue.path.join('.'));

    expect(paths({ invoicePrefix: 'F{YYYY}', creditNotePrefix: 'F{YYYY}' })).toEqual(['creditNotePrefix']);
    expect(paths({ invoicePrefix: 'F-', creditNotePrefix: 'C-' })).toEqual([
      'invoicePrefix',
      'creditNotePrefix',
    ]);
    expect(paths({ invoicePrefix: 'F-', creditNotePrefix: 'C-', yearlyRestart: false })).toBeUndefined();
    expect(paths({ invoicePrefix: 'F {YYYY}' })).toEqual(['invoicePrefix']);
  });
});

describe('seriesFor', () => {
  it('restarts every year by default: the key and the prefix carry the issue year', () => {
    expect(seriesFor('invoice', '2026-12-31', DEFAULT_NUMBERING)).toEqual({
      seriesKey: 'invoice-2026',
      prefix: '2026-',
    });
    expect(seriesFor('credit_note', '2027-01-01', DEFAULT_NUMBERING)).toEqual({
      seriesKey: 'creditnote-2027',
      prefix: 'C2027-',
    });
  });

  it('keeps one series forever without yearly restart, still printing the year where the prefix asks', () => {
    const numbering = { ...DEFAULT_NUMBERING, yearlyRestart: false, invoicePrefix: 'INV/{YYYY}/' };

    expect(seriesFor('invoice', '2026-05-01', numbering)).toEqual({
      seriesKey: 'invoice',
      prefix: 'INV/2026/',
    });
    expect(seriesFor('invoice', '2031-05-01', numbering).seriesKey).toBe('invoice');
    expect(seriesFor('credit_note', '2031-05-01', numbering)).toEqual({
      seriesKey: 'creditnote',
      prefix: 'C2031-',
    });
  });

  it('keeps the deprecated default invoice series for callers that have not switched yet', () => {
    expect(seriesFor('invoice', '2026-11-27', DEFAULT_NUMBERING)).toEqual({
      seriesKey: 'invoice-2026',
      prefix: '2026-',
    });
  });

  it('never gives an invoice and a credit note the same series or the same prefix', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('invoice', 'credit_note'),
        fc.integer({ min: 2000, max: 2099 }),
        fc.boolean(),
        (kind, year, yearlyRestart) => {
          const numbering = { ...DEFAULT_NUMBERING, yearlyRestart };
          const other = kind === 'invoice' ? 'credit_note' : 'invoice';
          const mine = seriesFor(kind, `${year}-06-15`, numbering);
          const theirs = seriesFor(other, `${year}-06-15`, numbering);
          expect(mine.seriesKey).not.toBe(theirs.seriesKey);
          expect(mine.prefix).not.toBe(theirs.prefix);
        },
      ),
    );
  });
});

describe('formatInvoiceNumber', () => {
  it('pads the sequence to the configured number of digits', () => {
    expect(formatInvoiceNumber('2026-', 42, 6)).toBe('2026-000042');
    expect(formatInvoiceNumber('C2026-', 42, 4)).toBe('C2026-0042');
    expect(formatInvoiceNumber('F', 12345, 4)).toBe('F12345');
  });
});

describe('invoice series with the tenant numbering (given events, when command, then events)', () => {
  const assign = (invoiceId: string, digits?: number) => ({
    type: 'AssignInvoiceNumber' as const,
    tenantId: 't1',
    ...seriesFor('credit_note', '2026-11-27', DEFAULT_NUMBERING),
    invoiceId,
    ...(digits === undefined ? {} : { digits }),
    now,
  });
  const run = (commands: ReturnType<typeof assign>[]) => {
    const events: InvoiceSeriesEvent[] = [];
    for (const command of commands) {
      events.push(...invoiceSeriesDecider.decide(command, fold(invoiceSeriesDecider, events)));
    }
    return events;
  };

  it('numbers credit notes gaplessly in their own series with the configured digits', () => {
    const events = run([assign('cn-a', 8), assign('cn-b', 8), assign('cn-a', 8)]);

    expect(events.map((event) => [event.data.seriesKey, event.data.number])).toEqual([
      ['creditnote-2026', 'C2026-00000001'],
      ['creditnote-2026', 'C2026-00000002'],
    ]);
  });

  it('uses six digits when the command names none', () => {
    expect(run([assign('cn-a')])[0]!.data.number).toBe('C2026-000001');
  });
});
