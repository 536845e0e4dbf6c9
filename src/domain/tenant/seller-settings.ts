import { z } from 'zod';
import { chartOfAccountsSchema } from '../ledger/chart-of-accounts.js';
import { DEFAULT_NUMBERING, numberingSchema } from '../series/numbering.js';
import { addressSchema } from '../shared/schemas.js';
import { brandingSchema, DEFAULT_BRANDING } from './branding.js';
import { isValidIban, isValidKvk } from './check-digits.js';

/** What goes on every invoice of a tenant (docs/api.md "Tenants and seller settings"). */
export const sellerSettingsSchema = z.object({
  name: z.string().min(1).max(200),
  // Format here; check digits are reported as a warning by the API, because the documented example
  // IDs (NL859999999B01) fail them and clients rely on those examples.
  vatId: z
    .string()
    .regex(
      /^(NL\d{9}B\d{2}|(?!NL)[A-Z]{2}[0-9A-Z+*]{2,13})$/,
      'must be a VAT identifier such as NL859999999B01',
    ),
  kvk: z.string().refine(isValidKvk, 'must be an 8-digit KvK number'),
  iban: z
    .string()
    .regex(
      /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/,
      'must be an IBAN in capitals without spaces, e.g. NL91ABNA0417164300',
    )
    .refine(isValidIban, 'is not a valid IBAN (check digits)'),
  peppolId: z
    .string()
    .regex(/^\d{4}:[^\s]{1,100}$/, 'must be "<scheme>:<identifier>", e.g. 0106:12345678')
    .optional(),
  email: z.email(),
  address: addressSchema,
  ossRegistered: z.boolean().default(false),
  ossThresholdExceeded: z.boolean().default(false),
  /** Voluntary destination taxation of all EU distance sales (binds two calendar years, art. 59c (3)). */
  ossOptedIn: z.boolean().default(false),
  defaultLanguage: z.enum(['nl', 'en', 'de', 'fr']).default('nl'),
  paymentTermsDays: z.number().int().min(0).max(365).default(14),
  /** Number series of invoices and credit notes (domain.md §1.3). */
  /** Own account numbers/names per ledger key; RGS-based keys are the default chart. */
  chartOfAccounts: chartOfAccountsSchema,
  numbering: numberingSchema.default(DEFAULT_NUMBERING),
  /** Logo, accent colour and footer line of the PDF. */
  /** Also carry the PDF inside the UBL e-invoice (BG-24), for receivers that want one file. */
  embedPdfInUbl: z.boolean().default(false),
  branding: brandingSchema.default(DEFAULT_BRANDING),
});
export type SellerSettings = z.infer<typeof sellerSettingsSchema>;
export type SellerSettingsInput = z.input<typeof sellerSettingsSchema>;
