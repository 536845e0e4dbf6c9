import type { OrderLine, VatClass } from '../order/order.js';
import type { VatCategory } from './invoice-document.js';

/**
 * VAT treatment for Dutch domestic supplies (art. 9 Wet OB, tabel I/II). Cross-border situations
 * (OSS, ICL, reverse charge, export) belong to the full VAT engine and are refused upstream.
 */
export interface VatTreatment {
  readonly category: VatCategory;
  /** Percentage as a decimal string ("21", "9", "0"). */
  readonly rate: string;
  readonly exemptionReason?: string;
  readonly exemptionReasonCode?: string;
}

const DOMESTIC: Record<VatClass, VatTreatment> = {
  standard: { category: 'S', rate: '21' },
  reduced: { category: 'S', rate: '9' },
  zero: { category: 'Z', rate: '0' },
  // BR-E-10: an exempt breakdown needs a reason; art. 11 Wet OB is the Dutch exemption provision.
  exempt: { category: 'E', rate: '0', exemptionReason: 'Vrijgesteld van btw, art. 11 Wet OB' },
};

const CLASS_BY_DUTCH_RATE: Record<'21' | '9' | '0', VatClass> = {
  '21': 'standard',
  '9': 'reduced',
  '0': 'zero',
};

/** A line names its class, or (Dutch shops) its rate, which maps to a class (docs/api.md). */
export const vatClassOf = (line: Pick<OrderLine, 'vatClass' | 'vatRate'>): VatClass =>
  line.vatClass ?? CLASS_BY_DUTCH_RATE[line.vatRate!];

export const domesticTreatment = (vatClass: VatClass): VatTreatment => DOMESTIC[vatClass];

export const vatGroupKey = (t: Pick<VatTreatment, 'category' | 'rate'>) => `${t.category}:${t.rate}`;
