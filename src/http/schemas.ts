import { z } from 'zod';

/** Response shapes of the merchant API (docs/api.md); one source for serialisation and OpenAPI. */
export const idParams = z.object({ id: z.uuid() });
export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const orderViewSchema = z
  .object({
    id: z.string(),
    externalId: z.string(),
    channel: z.string(),
    channelId: z.string().nullable(),
    status: z.enum(['received', 'invoicing', 'invoiced', 'held', 'needs_attention', 'cancelled']),
    reason: z.string().nullable(),
    invoiceId: z.string().nullable(),
    orderedAt: z.string(),
    currency: z.string(),
    customerName: z.string(),
  })
  .meta({ id: 'Order' });

const amount = z.string();
export const invoiceViewSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    type: z.enum(['invoice', 'credit_note']),
    number: z.string(),
    issueDate: z.string(),
    supplyDate: z.string(),
    dueDate: z.string().nullable(),
    currency: z.string(),
    status: z.enum(['draft', 'issued', 'sent', 'booked', 'needs_attention']),
    reason: z.string().nullable(),
    totals: z.object({
      lineNet: amount,
      allowances: amount,
      charges: amount,
      net: amount,
      vat: amount,
      gross: amount,
      prepaid: amount,
      payable: amount,
    }),
    vatBreakdown: z.array(
      z.object({
        category: z.string(),
        rate: z.string(),
        taxable: amount,
        vat: amount,
        exemptionReason: z.string().optional(),
        exemptionReasonCode: z.string().optional(),
        reporting: z.object({
          kind: z.string(),
          box: z.string().optional(),
          countryCode: z.string().optional(),
        }),
        icp: z.enum(['goods', 'services']).optional(),
      }),
    ),
    lines: z.array(
      z.object({
        id: z.string(),
        sku: z.string().optional(),
        description: z.string(),
        quantity: z.string(),
        unitPrice: z.string(),
        discount: amount.optional(),
        net: amount,
        vatCategory: z.string(),
        vatRate: z.string(),
      }),
    ),
    allowancesCharges: z.array(
      z.object({
        kind: z.enum(['allowance', 'charge']),
        reason: z.string(),
        amount,
        vatCategory: z.string(),
        vatRate: z.string(),
      }),
    ),
    taxCurrency: z
      .object({ currency: z.literal('EUR'), vat: amount, exchangeRate: z.string() })
      .nullable()
      .describe('The VAT total in EUR when the invoice currency is another one (BT-111)'),
    exchangeRate: z.object({ rate: z.string(), date: z.string(), source: z.string() }).nullable(),
    correctsInvoiceId: z.string().optional(),
    correctsInvoiceNumber: z.string().optional(),
    correctsInvoiceIssueDate: z.string().optional(),
    creditReason: z.string().optional(),
    buyerVatIdVerification: z
      .object({
        vatId: z.string(),
        valid: z.boolean(),
        checkedAt: z.string(),
        source: z.enum(['vies', 'checksum']),
        requestIdentifier: z.string().optional(),
      })
      .nullable(),
    seller: z.object({ name: z.string(), vatId: z.string(), kvk: z.string() }),
    buyer: z.object({ name: z.string(), vatId: z.string().optional() }),
    notes: z.array(z.string()),
    documents: z.object({ pdfSha256: z.string().nullable(), ublSha256: z.string().nullable() }),
    links: z.object({ pdf: z.string(), ubl: z.string() }),
  })
  .meta({ id: 'Invoice' });
export type InvoiceViewBody = z.infer<typeof invoiceViewSchema>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
