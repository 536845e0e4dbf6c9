import type { VatCategory } from '../../domain/invoice/invoice-document.js';
import { ValidationError } from '../../domain/shared/errors.js';
import { decimal, formatAmount, formatDecimal } from '../../domain/shared/money.js';

/**
 * The object form xmlbuilder2 expands into XML: keys are element names, `@name` an attribute, `#` the
 * text. Keys whose value is `undefined` are left out, so an absent business term never becomes an
 * empty element (PEPPOL-EN16931-R008).
 */
export type UblValue = string | UblNode | UblNode[] | undefined;
export interface UblNode {
  [name: string]: UblValue;
}

/** Every amount carries the document currency (PEPPOL-EN16931-R051) and two decimals (BR-DEC-*). */
export const amount = (value: string, currency: string): UblNode => ({
  '@currencyID': currency,
  '#': formatAmount(decimal(value)),
});

/** Optional texts in the domain may be empty strings; those must not become empty elements (R008). */
export const optionalText = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== '' ? value : undefined;

/** Peppol participant id `<scheme>:<id>` as in "0106:12345678": the EAS code becomes `@schemeID` (R010/R020). */
export const endpointId = (peppolId: string, field: string): UblNode => {
  const separator = peppolId.indexOf(':');
  if (separator <= 0 || separator === peppolId.length - 1) {
    throw new ValidationError('Peppol id must look like "<scheme>:<id>"', [
      { field, message: `got "${peppolId}"` },
    ]);
  }
  return { '@schemeID': peppolId.slice(0, separator), '#': peppolId.slice(separator + 1) };
};

/** UNCL5305 categories without a rate take Percent 0; O ("outside scope") must carry none (BR-O-05). */
const percentFor = (category: VatCategory, rate: string): string | undefined => {
  if (category === 'O') return undefined;
  if (category === 'S') return formatDecimal(decimal(rate));
  return '0';
};

/** `cac:TaxCategory` / `cac:ClassifiedTaxCategory` content with the VAT scheme. */
export const taxCategory = (
  category: VatCategory,
  rate: string,
  exemption: { code?: string; reason?: string } = {},
): UblNode => ({
  'cbc:ID': category,
  'cbc:Percent': percentFor(category, rate),
  'cbc:TaxExemptionReasonCode': optionalText(exemption.code),
  'cbc:TaxExemptionReason': optionalText(exemption.reason),
  'cac:TaxScheme': { 'cbc:ID': 'VAT' },
});
