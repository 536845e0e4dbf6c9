import { translationFor } from '../i18n/translations.js';
import type { Order } from '../order/order.js';
import { addDays, toAmsterdamDate } from '../shared/dates.js';
import type { FieldError } from '../shared/errors.js';
import {
  allocateByWeight,
  type Decimal,
  decimal,
  formatAmount,
  formatDecimal,
  formatPrice,
  round2,
  roundTo,
  sum,
  ZERO,
} from '../shared/money.js';
import type { SellerSettings } from '../tenant/seller-settings.js';
import { decideVat, type VatDecision, type VatSituation } from '../vat/vat-decision.js';
import { vatIdCountry } from '../vat/vat-id/vat-id.js';
import type { VatIdVerification } from '../vat/vat-id/vat-id-verifier.js';
import { exemptionFor } from '../vat/vat-notes.js';
import type {
  DocumentAllowanceCharge,
  InvoiceDocument,
  InvoiceLine,
  VatBreakdown,
} from './invoice-document.js';
import { paymentMeansCode } from './payment-means.js';
import { vatClassOf } from './vat-class.js';

export interface InvoiceDraftInput {
  readonly tenantId: string;
  readonly invoiceId: string;
  readonly orderId: string;
  readonly order: Order;
  readonly seller: SellerSettings | undefined;
  /** When the invoice is issued; its Amsterdam date is the invoice date (BT-2). */
  readonly issuedAt: Date;
  /** The recorded verification of the buyer's VAT ID, when the order carries one. */
  readonly buyerVatId?: VatIdVerification;
  /** EU distance sales are taxed in the destination state (threshold passed or opted in). */
  readonly destinationTaxation: boolean;
}

/** Everything of the invoice except its number, which is assigned only once the draft is valid. */
export type InvoiceDraft = Omit<InvoiceDocument, 'number'>;

export type DraftResult = { ok: true; draft: InvoiceDraft } | { ok: false; errors: FieldError[] };

interface GroupItem {
  readonly kind: 'line' | 'charge' | 'allowance';
  readonly index: number;
  /** Signed contribution to the group total (allowances negative), net or gross per the order's prices. */
  readonly amount: Decimal;
}

type VatTreatment = VatDecision & {
  readonly exemptionReason?: string;
  readonly exemptionReasonCode?: string;
};

interface VatGroup {
  readonly treatment: VatTreatment;
  readonly items: GroupItem[];
}

/**
 * Computes an EN 16931-consistent invoice: the VAT decision per line (domain/vat), then amounts.
 * Totals satisfy BR-CO-10…15 by construction; VAT is computed per (category, rate) group and
 * rounded once (BR-CO-17).
 */
export function draftInvoice(input: InvoiceDraftInput): DraftResult {
  const { order, seller } = input;
  const errors = unsupportedSituation(order, seller);
  if (seller === undefined || errors.length > 0) return { ok: false, errors };

  const lineAmounts = order.lines.map((line) => round2(decimal(line.quantity).times(line.unitPrice)));
  order.lines.forEach((line, i) => {
    if (line.discount !== undefined && decimal(line.discount).gt(lineAmounts[i]!)) {
      errors.push({ field: `lines.${i}.discount`, message: 'is larger than the line amount' });
    }
  });
  const lineTotals = order.lines.map((line, i) => lineAmounts[i]!.minus(line.discount ?? '0'));
  const goodsTotal = sum(lineTotals);
  const shipping = decimal(order.shipping?.amount ?? '0');
  const discount = decimal(order.discount?.amount ?? '0');
  if (discount.gt(0) && discount.gt(goodsTotal.plus(shipping))) {
    errors.push({ field: 'discount.amount', message: 'is larger than the order total' });
  }
  if (errors.length > 0) return { ok: false, errors };

  const situation = vatSituation(input, seller);
  // The buyer's language when the shop knows it (labels and legal notes follow it), else the seller's.
  const language = order.customer.language ?? seller.defaultLanguage;
  const { labels } = translationFor(language);
  const treatments = order.lines.map((line): VatTreatment => {
    const decision = decideVat(situation, { vatClass: vatClassOf(line), supplyType: line.supplyType });
    return { ...decision, ...exemptionFor(decision.category, language) };
  });
  const outsideScope = treatments.some((t) => t.category === 'O');
  if (outsideScope && treatments.some((t) => t.category !== 'O')) {
    // BR-O-11…14: an invoice with "not subject to VAT" lines may hold nothing else.
    return {
      ok: false,
      errors: [
        {
          field: 'lines',
          message:
            'services to a business outside the EU (not subject to Dutch VAT) cannot share an invoice with other VAT categories; send them as a separate order',
        },
      ],
    };
  }
  const groups = groupLines(treatments, lineTotals);
  // Transport charges are part of the taxable amount of the goods (art. 78 (b) Directive), so
  // shipping follows the goods only; an order discount applies to everything bought.
  const goodsWeights = groups.map((g) =>
    sum(g.items.filter((i) => order.lines[i.index]!.supplyType === 'goods').map((i) => i.amount)),
  );
  const allWeights = groups.map((g) => sum(g.items.map((item) => item.amount)));
  spreadOverGroups(groups, sum(goodsWeights).gt(0) ? goodsWeights : allWeights, shipping, 'charge');
  spreadOverGroups(groups, allWeights, discount.neg(), 'allowance');

  const priced = order.pricesIncludeVat ? priceFromGross(groups) : priceFromNet(groups);
  const lines = order.lines.map((line, i): InvoiceLine => {
    const net = priced.lineNets[i]!;
    const lineDiscount = order.pricesIncludeVat
      ? netOfGross(decimal(line.discount ?? '0'), treatments[i]!)
      : decimal(line.discount ?? '0');
    const unitPrice = order.pricesIncludeVat
      ? roundTo(net.plus(lineDiscount).div(line.quantity), 4)
      : decimal(line.unitPrice);
    return {
      id: String(i + 1),
      ...(line.sku === undefined ? {} : { sku: line.sku }),
      description: line.description,
      quantity: formatDecimal(decimal(line.quantity)),
      unitCode: 'H87',
      unitPrice: formatPrice(unitPrice),
      ...(lineDiscount.gt(0) ? { discount: formatAmount(lineDiscount) } : {}),
      net: formatAmount(net),
      vatCategory: treatments[i]!.category,
      vatRate: treatments[i]!.rate,
      supplyType: line.supplyType,
    };
  });

  const allowancesCharges = priced.documentLevel.map(
    ({ kind, amount, treatment }): DocumentAllowanceCharge => ({
      kind,
      // Orders that name no shipping or discount text get the buyer's word for it.
      reason:
        kind === 'charge'
          ? (order.shipping?.description ?? labels.shipping)
          : (order.discount?.description ?? labels.discount),
      // UNCL7161 SAA "shipping and handling"; UNCL5189 95 "discount".
      reasonCode: kind === 'charge' ? 'SAA' : '95',
      amount: formatAmount(amount),
      vatCategory: treatment.category,
      vatRate: treatment.rate,
    }),
  );

  const lineNet = sum(priced.lineNets);
  const allowances = sum(priced.documentLevel.filter((d) => d.kind === 'allowance').map((d) => d.amount));
  const charges = sum(priced.documentLevel.filter((d) => d.kind === 'charge').map((d) => d.amount));
  const net = lineNet.minus(allowances).plus(charges); // BR-CO-13
  const vat = sum(priced.breakdown.map((b) => b.vat)); // BR-CO-14
  const gross = net.plus(vat); // BR-CO-15
  const paid = order.payment?.status === 'paid';
  const prepaid = paid ? gross : ZERO;
  const issueDate = toAmsterdamDate(input.issuedAt);
  const buyer = order.customer;

  const draft: InvoiceDraft = {
    invoiceId: input.invoiceId,
    tenantId: input.tenantId,
    orderId: input.orderId,
    type: 'invoice',
    issueDate,
    supplyDate: toAmsterdamDate(order.shippedAt ?? order.orderedAt),
    ...(paid ? {} : { dueDate: addDays(issueDate, seller.paymentTermsDays) }),
    currency: order.currency,
    language,
    seller: {
      name: seller.name,
      vatId: seller.vatId,
      kvk: seller.kvk,
      iban: seller.iban,
      ...(seller.peppolId === undefined ? {} : { peppolId: seller.peppolId }),
      email: seller.email,
      address: seller.address,
    },
    buyer: {
      name: buyer.companyName ?? buyer.name,
      ...(buyer.companyName === undefined ? {} : { contactName: buyer.name }),
      ...(buyer.email === undefined ? {} : { email: buyer.email }),
      ...(buyer.vatId === undefined ? {} : { vatId: buyer.vatId }),
      ...(buyer.peppolId === undefined ? {} : { peppolId: buyer.peppolId }),
      ...(buyer.companyId === undefined ? {} : { companyId: buyer.companyId }),
      address: buyer.address,
    },
    deliveryAddress: order.shipTo ?? buyer.address,
    // BT-10: the buyer's own reference when given, else the shop's order number (Peppol R003 needs one).
    buyerReference: buyer.reference ?? order.externalId,
    orderReference: order.externalId,
    channel: order.channel,
    lines,
    allowancesCharges,
    vatBreakdown: priced.breakdown.map(
      (b): VatBreakdown => ({
        category: b.treatment.category,
        rate: b.treatment.rate,
        taxable: formatAmount(b.taxable),
        vat: formatAmount(b.vat),
        ...(b.treatment.exemptionReason === undefined
          ? {}
          : { exemptionReason: b.treatment.exemptionReason }),
        ...(b.treatment.exemptionReasonCode === undefined
          ? {}
          : { exemptionReasonCode: b.treatment.exemptionReasonCode }),
        reporting: b.treatment.reporting,
        ...(b.treatment.icp === undefined ? {} : { icp: b.treatment.icp }),
      }),
    ),
    totals: {
      lineNet: formatAmount(lineNet),
      allowances: formatAmount(allowances),
      charges: formatAmount(charges),
      net: formatAmount(net),
      vat: formatAmount(vat),
      gross: formatAmount(gross),
      prepaid: formatAmount(prepaid),
      payable: formatAmount(gross.minus(prepaid)),
    },
    payment: {
      status: order.payment?.status ?? 'unpaid',
      ...(order.payment?.method === undefined ? {} : { method: order.payment.method }),
      meansCode: paymentMeansCode(order.payment),
      ...(order.payment?.paidAt === undefined ? {} : { paidAt: order.payment.paidAt }),
    },
    notes: notesFor(priced.breakdown.map((b) => b.treatment)),
    ...optional('taxCurrency', taxCurrencyFor(order, vat)),
    ...optional('buyerVatIdVerification', input.buyerVatId),
  };
  return { ok: true, draft };
}

/** Situations we cannot decide are refused rather than guessed. */
function unsupportedSituation(order: Order, seller: SellerSettings | undefined): FieldError[] {
  if (seller === undefined) {
    return [
      { field: 'settings.seller', message: 'seller settings are not configured (PUT /v1/settings/seller)' },
    ];
  }
  const errors: FieldError[] = [];
  if (seller.address.countryCode !== 'NL') {
    errors.push({
      field: 'settings.seller.address.countryCode',
      message: 'only sellers established in the Netherlands are supported',
    });
  }
  if (order.currency !== 'EUR' && order.exchangeRate === undefined) {
    errors.push({
      field: 'exchangeRate',
      message: `is required for ${order.currency} orders: the VAT must also be stated in EUR (art. 230 Directive 2006/112/EC)`,
    });
  }
  return errors;
}

function vatSituation(input: InvoiceDraftInput, seller: SellerSettings): VatSituation {
  const { order } = input;
  const verified = input.buyerVatId?.valid === true ? input.buyerVatId : undefined;
  return {
    sellerCountry: seller.address.countryCode,
    ossRegistered: seller.ossRegistered,
    verifiedBuyerVatCountry: verified === undefined ? undefined : vatIdCountry(verified.vatId),
    buyerIsBusiness:
      order.customer.vatId !== undefined ||
      order.customer.companyName !== undefined ||
      order.customer.companyId !== undefined,
    buyerCountry: order.customer.address.countryCode,
    shipToCountry: (order.shipTo ?? order.customer.address).countryCode,
    destinationTaxation: input.destinationTaxation,
    supplyDate: toAmsterdamDate(order.shippedAt ?? order.orderedAt),
  };
}

function groupLines(treatments: readonly VatTreatment[], lineTotals: readonly Decimal[]): VatGroup[] {
  const byKey = new Map<string, VatGroup>();
  treatments.forEach((treatment, index) => {
    const key = `${treatment.category}:${treatment.rate}`;
    const group = byKey.get(key) ?? { treatment, items: [] };
    group.items.push({ kind: 'line', index, amount: lineTotals[index]! });
    byKey.set(key, group);
  });
  return [...byKey.values()];
}

/** Shipping and order discounts follow the VAT of the goods, pro rata when the basket mixes rates. */
function spreadOverGroups(
  groups: readonly VatGroup[],
  weights: readonly Decimal[],
  signedAmount: Decimal,
  kind: 'charge' | 'allowance',
): void {
  if (signedAmount.eq(0)) return;
  allocateByWeight(signedAmount, weights).forEach((share, i) => {
    if (!share.eq(0)) groups[i]!.items.push({ kind, index: -1, amount: share });
  });
}

interface Priced {
  readonly lineNets: Decimal[];
  readonly documentLevel: { kind: 'charge' | 'allowance'; amount: Decimal; treatment: VatTreatment }[];
  readonly breakdown: { treatment: VatTreatment; taxable: Decimal; vat: Decimal }[];
}

/** Net prices: VAT per group = round(Σ nets × r / 100) (BR-CO-17). */
function priceFromNet(groups: readonly VatGroup[]): Priced {
  return collect(groups, (group) => {
    const taxable = sum(group.items.map((i) => i.amount));
    return {
      taxable,
      vat: round2(taxable.times(group.treatment.rate).div(100)),
      itemNets: group.items.map((i) => i.amount),
    };
  });
}

/**
 * Gross prices (house rule, domain.md §3.4): the gross total per group is what the customer paid;
 * VAT = round(G × r / (100 + r)), net = G − VAT. Document charges and allowances get their own
 * rounded net; the rest of the group's net is spread over its lines by largest remainder, so the
 * invoice's gross equals the amount paid and no allowance can flip sign on a stray cent.
 */
function priceFromGross(groups: readonly VatGroup[]): Priced {
  return collect(groups, (group) => {
    const gross = sum(group.items.map((i) => i.amount));
    const rate = decimal(group.treatment.rate);
    const vat = round2(gross.times(rate).div(rate.plus(100)));
    const taxable = gross.minus(vat);
    const documentNets = new Map(
      group.items
        .filter((i) => i.kind !== 'line')
        .map((i) => [i, round2(i.amount.times(100).div(rate.plus(100)))] as const),
    );
    const lines = group.items.filter((i) => i.kind === 'line');
    const lineNets = allocateByWeight(
      taxable.minus(sum([...documentNets.values()])),
      lines.map((i) => i.amount),
    );
    return {
      taxable,
      vat,
      itemNets: group.items.map((i) => documentNets.get(i) ?? lineNets[lines.indexOf(i)]!),
    };
  });
}

function collect(
  groups: readonly VatGroup[],
  price: (group: VatGroup) => { taxable: Decimal; vat: Decimal; itemNets: Decimal[] },
): Priced {
  const lineNets: Decimal[] = [];
  const documentLevel: Priced['documentLevel'] = [];
  const breakdown: Priced['breakdown'] = [];
  for (const group of groups) {
    const { taxable, vat, itemNets } = price(group);
    breakdown.push({ treatment: group.treatment, taxable, vat });
    group.items.forEach((item, i) => {
      const net = itemNets[i]!;
      if (item.kind === 'line') lineNets[item.index] = net;
      else documentLevel.push({ kind: item.kind, amount: net.abs(), treatment: group.treatment });
    });
  }
  return { lineNets, documentLevel, breakdown };
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

const netOfGross = (gross: Decimal, treatment: VatTreatment) =>
  round2(gross.times(100).div(decimal(treatment.rate).plus(100)));

/** The mandatory texts (reverse charge, intra-Community supply, export, exemption), once each. */
function notesFor(treatments: readonly VatTreatment[]): string[] {
  return [
    ...new Set(treatments.flatMap((t) => (t.exemptionReason === undefined ? [] : [t.exemptionReason]))),
  ];
}

/** BT-111: the VAT total in EUR, at the order's rate (order-currency units per 1 EUR). */
function taxCurrencyFor(order: Order, vat: Decimal): InvoiceDraft['taxCurrency'] {
  if (order.currency === 'EUR' || order.exchangeRate === undefined) return undefined;
  return {
    currency: 'EUR',
    vat: formatAmount(vat.div(order.exchangeRate.rate)),
    exchangeRate: order.exchangeRate,
  };
}
