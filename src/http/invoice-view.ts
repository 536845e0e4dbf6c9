import type { InvoiceView } from '../application/queries.js';
import type { InvoiceViewBody } from './schemas.js';

/** The API's invoice JSON (docs/api.md "Invoices") from the read model. */
export function toInvoiceBody(view: InvoiceView): InvoiceViewBody {
  const d = view.document;
  return {
    id: view.id,
    orderId: d.orderId,
    type: d.type,
    number: d.number,
    issueDate: d.issueDate,
    supplyDate: d.supplyDate,
    dueDate: d.dueDate ?? null,
    currency: d.currency,
    status: view.status,
    reason: view.reason,
    totals: d.totals,
    vatBreakdown: d.vatBreakdown,
    lines: d.lines.map(({ supplyType: _supplyType, unitCode: _unitCode, ...line }) => line),
    allowancesCharges: d.allowancesCharges.map(({ kind, reason, amount, vatCategory, vatRate }) => ({
      kind,
      reason,
      amount,
      vatCategory,
      vatRate,
    })),
    taxCurrency:
      d.taxCurrency === undefined
        ? null
        : { currency: 'EUR', vat: d.taxCurrency.vat, exchangeRate: d.taxCurrency.exchangeRate.rate },
    exchangeRate: d.taxCurrency?.exchangeRate ?? null,
    ...(d.billingReference === undefined
      ? {}
      : {
          correctsInvoiceId: d.billingReference.invoiceId,
          correctsInvoiceNumber: d.billingReference.number,
          correctsInvoiceIssueDate: d.billingReference.issueDate,
        }),
    ...(d.creditReason === undefined ? {} : { creditReason: d.creditReason }),
    buyerVatIdVerification:
      d.buyerVatIdVerification === undefined
        ? null
        : {
            vatId: d.buyerVatIdVerification.vatId,
            valid: d.buyerVatIdVerification.valid,
            checkedAt: d.buyerVatIdVerification.checkedAt,
            source: d.buyerVatIdVerification.source,
            ...(d.buyerVatIdVerification.requestIdentifier === undefined
              ? {}
              : { requestIdentifier: d.buyerVatIdVerification.requestIdentifier }),
          },
    seller: { name: d.seller.name, vatId: d.seller.vatId, kvk: d.seller.kvk },
    buyer: { name: d.buyer.name, ...(d.buyer.vatId === undefined ? {} : { vatId: d.buyer.vatId }) },
    notes: d.notes,
    documents: { pdfSha256: view.pdfSha256, ublSha256: view.ublSha256 },
    links: { pdf: `/v1/invoices/${view.id}/pdf`, ubl: `/v1/invoices/${view.id}/ubl` },
  };
}
