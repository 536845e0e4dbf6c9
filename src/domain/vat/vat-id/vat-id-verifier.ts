/**
 * Port: is this VAT ID registered for intra-EU trade? ICL at 0 % requires a customer VAT ID of another member
 * state, checked in VIES at order time, with timestamp, result and consultation number kept as evidence
 * (domain.md §2.4; Dir. 2006/112/EC art. 138, Reg. 904/2010 art. 31).
 */

export interface VatIdVerification {
  /** The normalized VAT ID that was checked (prefix + number, `EL` for Greece), or the input if unparseable. */
  vatId: string;
  valid: boolean;
  /** When we asked (ISO 8601 instant, from the injected clock). */
  checkedAt: string;
  /** `checksum`: rejected offline on format/check digits, VIES was not asked. */
  source: 'vies' | 'checksum';
  /** VIES consultation number; only returned when the request named our own VAT ID as requester. */
  requestIdentifier?: string;
  name?: string;
  address?: string;
}

export interface VatIdVerifier {
  /** Throws `DependencyUnavailableError` when VIES cannot answer (outage, timeout, overload). */
  verify(vatId: string): Promise<VatIdVerification>;
}
