import { z } from 'zod';

/** `{YYYY}` in a prefix stands for the year of the issue date. */
const YEAR_PLACEHOLDER = '{YYYY}';

const prefixSchema = z
  .string()
  .max(20)
  .regex(/^([A-Za-z0-9._/-]|\{YYYY\})*$/, 'may hold letters, digits, . _ / - and the placeholder {YYYY}');

export const DEFAULT_NUMBERING = {
  invoicePrefix: `${YEAR_PLACEHOLDER}-`,
  creditNotePrefix: `C${YEAR_PLACEHOLDER}-`,
  yearlyRestart: true,
  digits: 6,
} as const;

/**
 * How a tenant numbers its documents (domain.md §1.3): one gapless series for invoices and a separate
 * one for credit notes, per year or forever. Refinements only, no transforms: the schema is also the
 * OpenAPI description of the seller settings.
 */
export const numberingSchema = z
  .object({
    invoicePrefix: prefixSchema.default(DEFAULT_NUMBERING.invoicePrefix),
    creditNotePrefix: prefixSchema.default(DEFAULT_NUMBERING.creditNotePrefix),
    yearlyRestart: z.boolean().default(DEFAULT_NUMBERING.yearlyRestart),
    digits: z.number().int().min(4).max(10).default(DEFAULT_NUMBERING.digits),
  })
  .superRefine((numbering, context) => {
    // Art. 226 (2) Directive 2006/112/EC: a number identifies one document; two series printing the same
    // prefix would hand out "2026-000001" twice.
    if (numbering.invoicePrefix === numbering.creditNotePrefix) {
      context.addIssue({
        code: 'custom',
        path: ['creditNotePrefix'],
        message: 'must differ from invoicePrefix',
      });
    }
    // A series that restarts every year repeats its numbers unless the prefix names the year.
    if (numbering.yearlyRestart) {
      for (const key of ['invoicePrefix', 'creditNotePrefix'] as const) {
        if (!numbering[key].includes(YEAR_PLACEHOLDER)) {
          context.addIssue({
            code: 'custom',
            path: [key],
            message: `must contain ${YEAR_PLACEHOLDER} when yearlyRestart is true`,
          });
        }
      }
    }
  });
export type Numbering = z.infer<typeof numberingSchema>;

export type DocumentKind = 'invoice' | 'credit_note';

const SERIES_NAME: Record<DocumentKind, string> = { invoice: 'invoice', credit_note: 'creditnote' };

/**
 * The series a document of `kind` issued on `issueDate` (Amsterdam date) is numbered in, and its printed
 * prefix. Yearly restart: one series per calendar year (`invoice-2026`); otherwise one series forever.
 */
export const seriesFor = (
  kind: DocumentKind,
  issueDate: string,
  numbering: Numbering,
): { seriesKey: string; prefix: string } => {
  const year = issueDate.slice(0, 4);
  const template = kind === 'invoice' ? numbering.invoicePrefix : numbering.creditNotePrefix;
  const name = SERIES_NAME[kind];
  return {
    seriesKey: numbering.yearlyRestart ? `${name}-${year}` : name,
    prefix: template.replaceAll(YEAR_PLACEHOLDER, year),
  };
};
