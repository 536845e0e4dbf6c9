import type { OrderLine, VatClass } from '../order/order.js';

const CLASS_BY_DUTCH_RATE: Record<'21' | '9' | '0', VatClass> = {
  '21': 'standard',
  '9': 'reduced',
  '0': 'zero',
};

/** A line names its class, or (Dutch shops) its Dutch rate, which maps to a class (docs/api.md). */
export const vatClassOf = (line: Pick<OrderLine, 'vatClass' | 'vatRate'>): VatClass =>
  line.vatClass ?? CLASS_BY_DUTCH_RATE[line.vatRate!];
