import { formatDate } from '../i18n/number-style.js';
import { translationFor } from '../i18n/translations.js';
import { toAmsterdamDate } from '../shared/dates.js';
import type { FieldError } from '../shared/errors.js';
import {
  allocateByWeight,
  type Decimal,
  decimal,
  formatAmount,
  formatDecimal,
  formatPrice,
  round2,
  sum,
} from '../shared/money.js';
import { amountString, positiveQuantityString } from '../shared/schemas.js';
import {
  type CreditedSoFar,
  type CreditRecord,
  type GroupLeft,
  groupIndexer,
  groupKey,
} from './credit-record.js';
import type { DocumentAllowanceCharge, InvoiceDocument, InvoiceLine } from './invoice-document.js';

/**
 * Credit notes (domain.md §1.5, §3.5): an issued invoice is corrected only by a credit note that
 * references it, with the invoice's VAT treatment, currency and exchange rate. Amounts stay positive;
 * the document type carries the sign. Everything is computed from what is still left to credit, so
 * the credit notes of one invoice never add up to more than the invoice, and the last one takes the
 * exact remainder (no cent drift).
 */

export type CreditRequest =
  | { kind: 'full'; reason?: string }
  | { kind: 'lines'; lines: { lineId: string; quantity: string }[]; reason?: string }
  /** `amount` is the gross refunded, spread over the invoice's VAT groups in proportion. */
  | { kind: 'amount'; amount: string; reason: string };

export type CreditNoteDraft = Omit<InvoiceDocument, 'number'>;

export type CreditNoteResult =
  | { ok: true; draft: CreditNoteDraft; credit: CreditRecord }
  | { ok: false; errors: FieldError[] };

export interface CreditNoteInput {
  readonly original: InvoiceDocument;
  readonly credited: CreditedSoFar;
  readonly request: CreditRequest;
  readonly creditNoteId: string;
  /** When the credit note is issued; its Amsterdam date is the credit note date (BT-2). */
  readonly issuedAt: Date;
}

interface Content {
  readonly lines: InvoiceLine[];
  readonly allowancesCharges: DocumentAllowanceCharge[];
  readonly groups: { index: number; taxable: Decimal; vat: Decimal }[];
  /** What it takes from the invoice's own lines and allowances/charges. */
  readonly taken: Pick<CreditRecord, 'lines' | 'allowancesCharges'>;
}

type Taken = { ok: true; content: Content } | { ok: false; errors: FieldError[] };

const min = (a: Decimal, b: Decimal) => (a.lt(b) ? a : b);
const max = (a: Decimal, b: Decimal) => (a.gt(b) ? a : b);

/** UNCL4461 97 "clearing between partners": the credit is set off against the open invoice. */
export const SET_OFF_MEANS_CODE = '97';

/**
 * Computes a credit note for `original`. Full: everything still left (an exact mirror when nothing was
 * credited before). Lines: the chosen quantities. Amount: a gross refund spread over the VAT groups.
 */
export function draftCreditNote(input: CreditNoteInput): CreditNoteResult {
  const { original, credited, request } = input;
  if (original.type !== 'invoice') {
    return { ok: false, errors: [{ field: 'invoice', message: 'only an invoice can be credited' }] };
  }
  const taken =
    request.kind === 'full'
      ? takeRemainder(original, credited)
      : request.kind === 'lines'
        ? takeLines(original, credited, request.lines)
        : takeAmount(original, credited, request.amount, request.reason);
  if (!taken.ok) return taken;
  return creditNote(input, taken.content);
}

/** The chosen line quantities, each with its share of the document-level allowances of its VAT group. */
function takeLines(
  original: InvoiceDocument,
  credited: CreditedSoFar,
  requested: readonly { lineId: string; quantity: string }[],
): Taken {
  const errors: FieldError[] = [];
  if (requested.length === 0) errors.push({ field: 'lines', message: 'must name at least one line' });
  const picked: { line: InvoiceLine; quantity: Decimal; net: Decimal }[] = [];
  for (const [i, { lineId, quantity }] of requested.entries()) {
    const line = original.lines.find((candidate) => candidate.id === lineId);
    const left = credited.lines.get(lineId);
    if (line === undefined || left === undefined) {
      errors.push({ field: `lines.${i}.lineId`, message: `is not a line of invoice ${original.number}` });
    } else if (requested.findIndex((other) => other.lineId === lineId) !== i) {
      errors.push({ field: `lines.${i}.lineId`, message: 'is listed twice' });
    } else if (!positiveQuantityString.safeParse(quantity).success) {
      errors.push({ field: `lines.${i}.quantity`, message: 'must be a positive quantity such as "1"' });
    } else if (decimal(quantity).gt(left.quantity)) {
      errors.push({
        field: `lines.${i}.quantity`,
        message: `is more than the ${formatDecimal(left.quantity)} left to credit`,
      });
    } else {
      const q = decimal(quantity);
      // Net in proportion to what is left, so the credit that takes the last quantity takes the exact rest.
      const net = q.eq(left.quantity) ? left.net : round2(left.net.times(q).div(left.quantity));
      picked.push({ line, quantity: q, net });
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const groupOf = groupIndexer(original);
  const allowancesCharges: DocumentAllowanceCharge[] = [];
  const takenAllowances: CreditRecord['allowancesCharges'] = [];
  const groups: Content['groups'] = [];
  for (const index of [...new Set(picked.map(({ line }) => groupOf(line)))]) {
    const net = sum(picked.filter(({ line }) => groupOf(line) === index).map((p) => p.net));
    const linesLeft = sum(
      original.lines
        .filter((line) => groupOf(line) === index)
        .map((line) => credited.lines.get(line.id)!.net),
    );
    // A returned item gives back what was paid for it: its share of the discounts on its VAT group.
    let shares = decimal(0);
    for (const [position, entry] of original.allowancesCharges.entries()) {
      const left = credited.allowancesCharges[position]!;
      if (entry.kind !== 'allowance' || groupOf(entry) !== index || left.lte(0)) continue;
      const proportional = net.eq(linesLeft) ? left : round2(left.times(net).div(linesLeft));
      // Never more allowance than the credited lines are worth: the credit's taxable amount stays ≥ 0.
      const share = min(proportional, net.minus(shares));
      if (share.lte(0)) continue;
      shares = shares.plus(share);
      allowancesCharges.push({ ...entry, amount: formatAmount(share) });
      takenAllowances.push({ index: position, amount: formatAmount(share) });
    }
    const taxable = net.minus(shares);
    const left = credited.groups[index]!;
    const entry = original.vatBreakdown[index]!;
    if (taxable.gt(left.taxable)) {
      errors.push({
        field: 'lines',
        message: `credit ${formatAmount(taxable)} at ${entry.category} ${entry.rate}% but only ${formatAmount(left.taxable)} is left after earlier credit notes`,
      });
    }
    groups.push({ index, taxable, vat: vatOnTaxable(taxable, entry.rate, left) });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    content: {
      lines: picked.map(({ line, quantity, net }) => creditedLine(line, quantity, net)),
      allowancesCharges,
      groups,
      taken: {
        lines: picked.map(({ line, quantity, net }) => ({
          lineId: line.id,
          quantity: formatDecimal(quantity),
          net: formatAmount(net),
        })),
        allowancesCharges: takenAllowances,
      },
    },
  };
}

/**
 * Everything still left. Refunds by amount took taxable amounts but no lines, so they come back as an
 * allowance per group ("refunded earlier"); with no line left (BR-16 needs one) each group's rest
 * becomes one line.
 */
function takeRemainder(original: InvoiceDocument, credited: CreditedSoFar): Taken {
  const linesLeft = original.lines.flatMap((line) => {
    const left = credited.lines.get(line.id)!;
    return left.quantity.gt(0) ? [{ line, ...left }] : [];
  });
  // A 0.00 invoice can still be cancelled; an invoice with nothing left cannot be credited again.
  if (linesLeft.length === 0 && credited.gross.lte(0)) {
    return {
      ok: false,
      errors: [{ field: 'invoice', message: `invoice ${original.number} has been credited in full` }],
    };
  }
  const groupOf = groupIndexer(original);
  const texts = translationFor(original.language).labels.creditNote;
  // An entry of 0.00 on the invoice is mirrored as it is.
  const entriesLeft = original.allowancesCharges.flatMap((entry, index) => {
    const amount = credited.allowancesCharges[index]!;
    return amount.gt(0) || decimal(entry.amount).eq(0) ? [{ entry, index, amount }] : [];
  });
  const taken: Content['taken'] = {
    lines: linesLeft.map(({ line, quantity, net }) => ({
      lineId: line.id,
      quantity: formatDecimal(quantity),
      net: formatAmount(net),
    })),
    allowancesCharges: entriesLeft.map(({ index, amount }) => ({ index, amount: formatAmount(amount) })),
  };

  if (linesLeft.length === 0) {
    const groups = credited.groups.flatMap((left, index) =>
      left.gross.gt(0) ? [{ index, taxable: left.taxable, vat: left.vat }] : [],
    );
    const lines = groups.map(({ index, taxable }, i) =>
      lumpLine(original, index, String(i + 1), texts.remainder(original.number), taxable),
    );
    return { ok: true, content: { lines, allowancesCharges: [], groups, taken } };
  }

  const allowancesCharges = entriesLeft.map(({ entry, amount }) => ({
    ...entry,
    amount: formatAmount(amount),
  }));
  const groups: Content['groups'] = [];
  for (const [index, left] of credited.groups.entries()) {
    const signed = [
      ...linesLeft.filter(({ line }) => groupOf(line) === index).map(({ net }) => net),
      ...entriesLeft
        .filter(({ entry }) => groupOf(entry) === index)
        .map(({ entry, amount }) => (entry.kind === 'allowance' ? amount.neg() : amount)),
    ];
    if (signed.length === 0 && left.gross.lte(0)) continue;
    const refundedEarlier = sum(signed).minus(left.taxable);
    if (refundedEarlier.gt(0)) {
      const { category, rate } = original.vatBreakdown[index]!;
      allowancesCharges.push({
        kind: 'allowance',
        reason: texts.refundedEarlier,
        reasonCode: '95', // UNCL5189 95 "discount"
        amount: formatAmount(refundedEarlier),
        vatCategory: category,
        vatRate: rate,
      });
    }
    groups.push({ index, taxable: left.taxable, vat: left.vat });
  }
  return {
    ok: true,
    content: {
      lines: linesLeft.map(({ line, quantity, net }) => creditedLine(line, quantity, net)),
      allowancesCharges,
      groups,
      taken,
    },
  };
}

/** A gross refund spread over the VAT groups in proportion to their gross left; one line per group. */
function takeAmount(
  original: InvoiceDocument,
  credited: CreditedSoFar,
  amount: string,
  reason: string,
): Taken {
  const errors: FieldError[] = [];
  if (reason.trim() === '') errors.push({ field: 'reason', message: 'is required for a refund by amount' });
  if (!amountString.safeParse(amount).success || decimal(amount).lte(0)) {
    errors.push({ field: 'amount', message: 'must be a positive amount such as "5.00"' });
  } else if (decimal(amount).gt(credited.gross)) {
    errors.push({
      field: 'amount',
      message: `is more than the ${formatAmount(credited.gross)} left to credit on invoice ${original.number}`,
    });
  }
  if (errors.length > 0) return { ok: false, errors };

  const shares = allocateByWeight(
    decimal(amount),
    credited.groups.map((left) => left.gross),
  );
  const groups = shares.flatMap((gross, index) =>
    gross.gt(0)
      ? [{ index, ...splitGross(gross, original.vatBreakdown[index]!.rate, credited.groups[index]!) }]
      : [],
  );
  const lines = groups.map(({ index, taxable }, i) =>
    lumpLine(original, index, String(i + 1), reason.trim(), taxable),
  );
  return {
    ok: true,
    content: { lines, allowancesCharges: [], groups, taken: { lines: [], allowancesCharges: [] } },
  };
}

/**
 * BR-CO-17 on the credited taxable amount, never more VAT than is left; a credit that takes a group's
 * whole remaining taxable amount takes its remaining VAT exactly.
 */
const vatOnTaxable = (taxable: Decimal, rate: string, left: GroupLeft): Decimal =>
  taxable.eq(left.taxable) ? left.vat : min(round2(taxable.times(rate).div(100)), left.vat);

/**
 * House rule for gross amounts (domain.md §3.4): VAT = round(G × r / (100 + r)), net = G − VAT, kept
 * within what is left of the group; the whole remaining gross takes the exact remainder.
 */
const splitGross = (gross: Decimal, rate: string, left: GroupLeft): { taxable: Decimal; vat: Decimal } => {
  if (gross.eq(left.gross)) return { taxable: left.taxable, vat: left.vat };
  const r = decimal(rate);
  const vat = min(left.vat, max(round2(gross.times(r).div(r.plus(100))), gross.minus(left.taxable)));
  return { taxable: gross.minus(vat), vat };
};

/** The invoice line for a credited quantity; the whole line unchanged when all of it is credited. */
const creditedLine = (line: InvoiceLine, quantity: Decimal, net: Decimal): InvoiceLine => {
  if (quantity.eq(line.quantity) && net.eq(line.net)) return line;
  const { discount, ...rest } = line;
  // BT-136 keeps BT-131 = quantity × price − discount for a part of a discounted line.
  const impliedDiscount = round2(quantity.times(line.unitPrice)).minus(net);
  return {
    ...rest,
    quantity: formatDecimal(quantity),
    net: formatAmount(net),
    ...(discount !== undefined && impliedDiscount.gt(0) ? { discount: formatAmount(impliedDiscount) } : {}),
  };
};

/** One line of quantity 1 carrying a VAT group's amount (refund by amount, or the rest of the invoice). */
const lumpLine = (
  original: InvoiceDocument,
  index: number,
  id: string,
  description: string,
  net: Decimal,
): InvoiceLine => {
  const { category, rate } = original.vatBreakdown[index]!;
  const sameGroup = original.lines.find(
    (line) => groupKey(line.vatCategory, line.vatRate) === groupKey(category, rate),
  );
  return {
    id,
    description,
    quantity: '1',
    unitCode: 'C62', // UN/ECE Rec 20 "one"
    unitPrice: formatPrice(net),
    net: formatAmount(net),
    vatCategory: category,
    vatRate: rate,
    supplyType: sameGroup?.supplyType ?? 'goods',
  };
};

/** Totals per BR-CO-10…16, the invoice's parties and VAT texts, and the reference to the invoice (BG-3). */
function creditNote(input: CreditNoteInput, content: Content): CreditNoteResult {
  const { original, request } = input;
  const amountsOf = (kind: DocumentAllowanceCharge['kind']) =>
    sum(
      content.allowancesCharges.filter((entry) => entry.kind === kind).map((entry) => decimal(entry.amount)),
    );
  const lineNet = sum(content.lines.map((line) => decimal(line.net))); // BR-CO-10
  const allowances = amountsOf('allowance'); // BR-CO-11
  const charges = amountsOf('charge'); // BR-CO-12
  const net = lineNet.minus(allowances).plus(charges); // BR-CO-13
  const vat = sum(content.groups.map((group) => group.vat)); // BR-CO-14
  const gross = net.plus(vat); // BR-CO-15
  const issueDate = toAmsterdamDate(input.issuedAt);
  const vatBreakdown = content.groups.map(({ index, taxable, vat: groupVat }) => ({
    ...original.vatBreakdown[index]!,
    taxable: formatAmount(taxable),
    vat: formatAmount(groupVat),
  }));
  const { labels, numbers } = translationFor(original.language);
  const reason = request.reason?.trim();
  const { payment, taxCurrency, buyerVatIdVerification } = original;

  const draft: CreditNoteDraft = {
    invoiceId: input.creditNoteId,
    tenantId: original.tenantId,
    orderId: original.orderId,
    type: 'credit_note',
    billingReference: {
      invoiceId: original.invoiceId,
      number: original.number,
      issueDate: original.issueDate,
    },
    ...(reason ? { creditReason: reason } : {}),
    issueDate,
    supplyDate: original.supplyDate,
    // BR-CO-25: an amount due needs a due date; the refund or set-off is due at once.
    dueDate: issueDate,
    currency: original.currency,
    language: original.language,
    seller: original.seller,
    buyer: original.buyer,
    deliveryAddress: original.deliveryAddress,
    buyerReference: original.buyerReference,
    orderReference: original.orderReference,
    channel: original.channel,
    lines: content.lines,
    allowancesCharges: content.allowancesCharges,
    vatBreakdown,
    totals: {
      lineNet: formatAmount(lineNet),
      allowances: formatAmount(allowances),
      charges: formatAmount(charges),
      net: formatAmount(net),
      vat: formatAmount(vat),
      gross: formatAmount(gross),
      // Nothing of the credit is settled yet: BT-115 is what the seller refunds or sets off (BR-CO-16).
      prepaid: '0.00',
      payable: formatAmount(gross),
    },
    // A paid invoice is refunded the way it was paid: pending until the refund is confirmed ("unpaid"
    // would read as the customer owing it). An open invoice is reduced by set-off.
    payment:
      payment.status === 'paid'
        ? {
            status: 'pending',
            ...(payment.method ? { method: payment.method } : {}),
            meansCode: payment.meansCode,
          }
        : { status: 'unpaid', meansCode: SET_OFF_MEANS_CODE },
    notes: [
      labels.creditNote.lineReference(original.number, formatDate(original.issueDate, numbers)),
      // Art. 226 (11)/(11a): the exemption and reverse-charge texts of the credited VAT groups again.
      ...original.notes.filter((note) => vatBreakdown.some((entry) => entry.exemptionReason === note)),
    ],
    // BT-111 at the invoice's exchange rate (art. 230, art. 91 Directive 2006/112/EC).
    ...(taxCurrency === undefined
      ? {}
      : { taxCurrency: { ...taxCurrency, vat: formatAmount(vat.div(taxCurrency.exchangeRate.rate)) } }),
    ...(buyerVatIdVerification === undefined ? {} : { buyerVatIdVerification }),
  };
  const credit: CreditRecord = {
    creditNoteId: input.creditNoteId,
    ...content.taken,
    groups: vatBreakdown.map((entry) => ({
      category: entry.category,
      rate: entry.rate,
      taxable: entry.taxable,
      vat: entry.vat,
      gross: formatAmount(decimal(entry.taxable).plus(entry.vat)),
    })),
    gross: formatAmount(gross),
  };
  return { ok: true, draft, credit };
}
