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
    vatBreakdown: d.vatBreakdown.map(({ category, rate, taxable, vat, exemptionReason }) => ({
      category,
      rate,
      taxable,
      vat,
      ...(exemptionReason === undefined ? {} : { exemptionReason }),
    })),
    lines: d.lines.map(({ supplyType: _supplyType, unitCode: _unitCode, ...line }) => line),
    allowancesCharges: d.allowancesCharges.map(({ kind, reason, amount, vatCategory, vatRate }) => ({
      kind,
      reason,
      amount,
      vatCategory,
      vatRate,
    })),
    taxCurrency: null,
    seller: { name: d.seller.name, vatId: d.seller.vatId, kvk: d.seller.kvk },
    buyer: { name: d.buyer.name, ...(d.buyer.vatId === undefined ? {} : { vatId: d.buyer.vatId }) },
    notes: d.notes,
    documents: { pdfSha256: view.pdfSha256, ublSha256: view.ublSha256 },
    links: { pdf: `/v1/invoices/${view.id}/pdf`, ubl: `/v1/invoices/${view.id}/ubl` },
  };
}
