import { z } from 'zod';
import { addressSchema, amountString, currencyCode, decimalString, isoDate } from '../shared/schemas.js';

/**
 * The issued invoice as a self-contained document: everything the PDF, the UBL and the ledger
 * need, frozen at the moment of issue. Amounts are decimal strings with two decimals; unit prices
 * may carry up to four. Field comments name the EN 16931 business terms they fill.
 */
export const vatCategorySchema = z.enum(['S', 'Z', 'E', 'AE', 'K', 'G', 'O']);
export type VatCategory = z.infer<typeof vatCategorySchema>;

export const sellerPartySchema = z.object({
  name: z.string(), // BT-27
  vatId: z.string(), // BT-31
  kvk: z.string(), // BT-30 (scheme 0106)
  iban: z.string(), // BT-84
  peppolId: z.string().optional(), // BT-34 "<scheme>:<id>"
  email: z.string(),
  address: addressSchema, // BG-5
});
export type SellerParty = z.infer<typeof sellerPartySchema>;

export const buyerPartySchema = z.object({
  name: z.string(), // BT-44 (company name when given, else the person)
  contactName: z.string().optional(), // BT-56
  email: z.string().optional(), // BT-58
  vatId: z.string().optional(), // BT-48
  peppolId: z.string().optional(), // BT-49
  companyId: z.object({ scheme: z.string(), value: z.string() }).optional(), // BT-47
  address: addressSchema, // BG-8
});
export type BuyerParty = z.infer<typeof buyerPartySchema>;

export const invoiceLineSchema = z.object({
  id: z.string(), // BT-126
  sku: z.string().optional(), // BT-155
  description: z.string(), // BT-153
  quantity: decimalString, // BT-129
  unitCode: z.string(), // BT-130 (UN/ECE Rec 20)
  unitPrice: decimalString, // BT-146, net, up to 4 decimals
  discount: amountString.optional(), // BT-136 line allowance
  net: amountString, // BT-131
  vatCategory: vatCategorySchema, // BT-151
  vatRate: decimalString, // BT-152
  supplyType: z.enum(['goods', 'services']),
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

export const documentAllowanceChargeSchema = z.object({
  kind: z.enum(['allowance', 'charge']),
  reason: z.string(), // BT-97 / BT-104
  reasonCode: z.string(), // BT-98 (UNCL5189) / BT-105 (UNCL7161)
  amount: amountString, // BT-92 / BT-99
  vatCategory: vatCategorySchema, // BT-95 / BT-102
  vatRate: decimalString, // BT-96 / BT-103
});
export type DocumentAllowanceCharge = z.infer<typeof documentAllowanceChargeSchema>;

/** Where the amounts of a breakdown are reported (Dutch return box, OSS, ICP); see domain/vat. */
export const vatReportingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('nl-return'), box: z.enum(['1a', '1b', '1c', '1e', '3a', '3b']) }),
  z.object({ kind: z.literal('oss'), countryCode: z.string() }),
  z.object({ kind: z.literal('foreign'), countryCode: z.string() }),
  z.object({ kind: z.literal('exempt') }),
  z.object({ kind: z.literal('outside-scope') }),
]);

export const vatBreakdownSchema = z.object({
  category: vatCategorySchema, // BT-118
  rate: decimalString, // BT-119
  taxable: amountString, // BT-116
  vat: amountString, // BT-117
  exemptionReason: z.string().optional(), // BT-120
  exemptionReasonCode: z.string().optional(), // BT-121
  reporting: vatReportingSchema,
  icp: z.enum(['goods', 'services']).optional(),
});
export type VatBreakdown = z.infer<typeof vatBreakdownSchema>;

export const invoiceTotalsSchema = z.object({
  lineNet: amountString, // BT-106
  allowances: amountString, // BT-107
  charges: amountString, // BT-108
  net: amountString, // BT-109
  vat: amountString, // BT-110
  gross: amountString, // BT-112
  prepaid: amountString, // BT-113
  payable: amountString, // BT-115
});
export type InvoiceTotals = z.infer<typeof invoiceTotalsSchema>;

export const paymentSchema = z.object({
  status: z.enum(['paid', 'pending', 'unpaid']),
  method: z.string().optional(),
  meansCode: z.string(), // BT-81 (UNCL4461)
  paidAt: z.string().optional(),
});

export const exchangeRateSchema = z.object({ rate: decimalString, date: isoDate, source: z.string() });

export const vatIdVerificationSchema = z.object({
  vatId: z.string(),
  valid: z.boolean(),
  checkedAt: z.string(),
  source: z.enum(['vies', 'checksum']),
  requestIdentifier: z.string().optional(),
  name: z.string().optional(),
  address: z.string().optional(),
});

export const invoiceDocumentSchema = z.object({
  invoiceId: z.string(),
  tenantId: z.string(),
  orderId: z.string(),
  type: z.enum(['invoice', 'credit_note']),
  /** Credit notes: the invoice they correct (BG-3; NL-R-001 makes it mandatory for Dutch sellers). */
  billingReference: z.object({ invoiceId: z.string(), number: z.string(), issueDate: isoDate }).optional(),
  creditReason: z.string().optional(),
  number: z.string(), // BT-1
  issueDate: isoDate, // BT-2
  supplyDate: isoDate, // BT-72
  dueDate: isoDate.optional(), // BT-9
  currency: currencyCode, // BT-5
  language: z.enum(['nl', 'en', 'de', 'fr']),
  seller: sellerPartySchema,
  buyer: buyerPartySchema,
  deliveryAddress: addressSchema, // BG-15
  buyerReference: z.string(), // BT-10
  orderReference: z.string(), // BT-13
  channel: z.string(),
  lines: z.array(invoiceLineSchema).min(1),
  allowancesCharges: z.array(documentAllowanceChargeSchema),
  vatBreakdown: z.array(vatBreakdownSchema).min(1),
  totals: invoiceTotalsSchema,
  payment: paymentSchema,
  notes: z.array(z.string()), // BT-22
  /** BT-6/BT-111: the VAT total also in EUR when the invoice currency is another one (art. 230). */
  taxCurrency: z
    .object({ currency: z.literal('EUR'), vat: amountString, exchangeRate: exchangeRateSchema })
    .optional(),
  /** The recorded check of the buyer's VAT ID that the VAT treatment relied on. */
  buyerVatIdVerification: vatIdVerificationSchema.optional(),
});
export type InvoiceDocument = z.infer<typeof invoiceDocumentSchema>;
