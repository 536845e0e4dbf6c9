/** UNCL4461 30 credit transfer and 58 SEPA credit transfer: the customer pays to the seller's IBAN (BR-61). */
const CREDIT_TRANSFER_CODES: ReadonlySet<string> = new Set(['30', '58']);

export const isCreditTransfer = (meansCode: string): boolean => CREDIT_TRANSFER_CODES.has(meansCode);
