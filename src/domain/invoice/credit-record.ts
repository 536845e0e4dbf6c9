import { z } from 'zod';
import type { FieldError } from '../shared/errors.js';
import { type Decimal, decimal, formatDecimal, sum } from '../shared/money.js';
import { amountString, decimalString } from '../shared/schemas.js';
import { type InvoiceDocument, vatCategorySchema } from './invoice-document.js';

/** What one credit note took from its invoice; recorded on the invoice's stream (InvoiceCredited). */
export const creditRecordSchema = z.object({
  creditNoteId: z.string(),
  /** Quantities and nets taken from the invoice's lines (by BT-126 line id). */
  lines: z.array(z.object({ lineId: z.string(), quantity: decimalString, net: amountString })),
  /** Amounts taken from the invoice's document-level allowances and charges (by position). */
  allowancesCharges: z.array(z.object({ index: z.number().int().min(0), amount: amountString })),
  /** Per VAT breakdown entry (category, rate) of the invoice: what the credit note states. */
  groups: z.array(
    z.object({
      category: vatCategorySchema,
      rate: decimalString,
      taxable: amountString,
      vat: amountString,
      gross: amountString,
    }),
  ),
  gross: amountString,
});
export type CreditRecord = z.infer<typeof creditRecordSchema>;

export interface GroupLeft {
  readonly taxable: Decimal;
  readonly vat: Decimal;
  readonly gross: Decimal;
}

/** What is left to credit of an invoice after the credit notes recorded so far. */
export interface CreditedSoFar {
  /** Per line id: quantity and net not credited yet. */
  readonly lines: ReadonlyMap<string, { readonly quantity: Decimal; readonly net: Decimal }>;
  /** Per document-level allowance/charge (same position as on the invoice): amount not credited yet. */
  readonly allowancesCharges: readonly Decimal[];
  /** Per VAT breakdown entry (same position as on the invoice). */
  readonly groups: readonly GroupLeft[];
  readonly gross: Decimal;
}

export const groupKey = (category: string, rate: string) => `${category}:${formatDecimal(decimal(rate))}`;

/** Position of the VAT breakdown entry an item belongs to (BR-CO-18: every item has one). */
export const groupIndexer = (original: InvoiceDocument) => {
  const positions = new Map(
    original.vatBreakdown.map((entry, i) => [groupKey(entry.category, entry.rate), i]),
  );
  return (item: { vatCategory: string; vatRate: string }): number => {
    const position = positions.get(groupKey(item.vatCategory, item.vatRate));
    if (position === undefined) {
      throw new Error(
        `Invoice ${original.number} has no VAT breakdown for ${item.vatCategory} ${item.vatRate}`,
      );
    }
    return position;
  };
};

export function creditedSoFar(original: InvoiceDocument, credits: readonly CreditRecord[]): CreditedSoFar {
  const lines = new Map(
    original.lines.map((line) => [line.id, { quantity: decimal(line.quantity), net: decimal(line.net) }]),
  );
  const allowancesCharges = original.allowancesCharges.map((entry) => decimal(entry.amount));
  const groups = original.vatBreakdown.map((entry) => ({
    taxable: decimal(entry.taxable),
    vat: decimal(entry.vat),
    gross: decimal(entry.taxable).plus(entry.vat),
  }));
  const groupOf = groupIndexer(original);
  for (const credit of credits) {
    for (const taken of credit.lines) {
      const left = lines.get(taken.lineId);
      if (left === undefined) continue;
      lines.set(taken.lineId, {
        quantity: left.quantity.minus(taken.quantity),
        net: left.net.minus(taken.net),
      });
    }
    for (const taken of credit.allowancesCharges) {
      const left = allowancesCharges[taken.index];
      if (left !== undefined) allowancesCharges[taken.index] = left.minus(taken.amount);
    }
    for (const taken of credit.groups) {
      const index = groupOf({ vatCategory: taken.category, vatRate: taken.rate });
      const left = groups[index]!;
      groups[index] = {
        taxable: left.taxable.minus(taken.taxable),
        vat: left.vat.minus(taken.vat),
        gross: left.gross.minus(taken.gross),
      };
    }
  }
  const gross = decimal(original.totals.gross).minus(sum(credits.map((credit) => decimal(credit.gross))));
  return { lines, allowancesCharges, groups, gross };
}

/** Defence in depth for the aggregate: the parts of `credit` that exceed what is left (empty when none). */
export function creditExcess(
  original: InvoiceDocument,
  credited: CreditedSoFar,
  credit: CreditRecord,
): FieldError[] {
  const errors: FieldError[] = [];
  const check = (field: string, value: string, left: Decimal | undefined) => {
    if (left === undefined) errors.push({ field, message: `is not on invoice ${original.number}` });
    else if (decimal(value).gt(left)) {
      errors.push({ field, message: `${value} is more than the ${left.toFixed()} left to credit` });
    }
  };
  const positions = new Map(
    original.vatBreakdown.map((entry, i) => [groupKey(entry.category, entry.rate), i]),
  );
  credit.lines.forEach((taken, i) => {
    const left = credited.lines.get(taken.lineId);
    check(`lines.${i}.quantity`, taken.quantity, left?.quantity);
    check(`lines.${i}.net`, taken.net, left?.net);
  });
  credit.allowancesCharges.forEach((taken, i) => {
    check(`allowancesCharges.${i}.amount`, taken.amount, credited.allowancesCharges[taken.index]);
  });
  credit.groups.forEach((taken, i) => {
    const position = positions.get(groupKey(taken.category, taken.rate));
    const left = position === undefined ? undefined : credited.groups[position];
    check(`groups.${i}.taxable`, taken.taxable, left?.taxable);
    check(`groups.${i}.vat`, taken.vat, left?.vat);
    check(`groups.${i}.gross`, taken.gross, left?.gross);
  });
  check('gross', credit.gross, credited.gross);
  return errors;
}

/** What a credit note carries, before its totals. */
