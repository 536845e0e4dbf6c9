/**
 * Wire format of the VIES REST service `POST /check-vat-number` and how we read its answers.
 *
 * Contract: the Commission's Swagger 2.0 description "Vies on-the-Web Endpoint" 1.0.0 (copy and provenance
 * in test/fixtures/eu-vies/). That description is incomplete: the live service also sends a `userError`
 * field, and errors come as `CommonResponse { actionSucceed: false, errorWrappers: [{ error, message }] }`
 * with HTTP 4xx/5xx — or, for member-state problems, inside an otherwise normal 200 answer (`valid: false`
 * plus `userError: "MS_UNAVAILABLE"`). Reading `valid: false` alone would therefore turn an outage into
 * "invalid VAT ID", so error codes are always checked first.
 */

/** `CheckVatRequest` of the Swagger description (only the fields we send). */
export interface ViesCheckVatRequest {
  countryCode: string;
  vatNumber: string;
  requesterMemberStateCode?: string;
  requesterNumber?: string;
}

export type ViesOutcome =
  | { kind: 'answer'; valid: boolean; requestIdentifier?: string; name?: string; address?: string }
  | { kind: 'invalid-input' }
  | { kind: 'unavailable'; reason: string };

/**
 * Error codes meaning "VIES or the member state could not answer now; retry later" (EC test-service list,
 * see test/fixtures/eu-vies/SOURCES.md).
 */
export const VIES_OUTAGE_ERRORS: ReadonlySet<string> = new Set([
  'SERVICE_UNAVAILABLE',
  'MS_UNAVAILABLE',
  'TIMEOUT',
  'GLOBAL_MAX_CONCURRENT_REQ',
  'GLOBAL_MAX_CONCURRENT_REQ_TIME',
  'MS_MAX_CONCURRENT_REQ',
  'MS_MAX_CONCURRENT_REQ_TIME',
]);

/** The number is malformed for that member state: VIES' way of saying "not a valid VAT ID". */
const INVALID_INPUT = 'INVALID_INPUT';

/** `userError` values that are verdicts, not errors (seen in the live service's answers). */
const NOT_ERRORS = new Set(['VALID', 'INVALID']);

const asRecord = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};

const errorCodes = (body: Record<string, unknown>): string[] => {
  const codes: string[] = [];
  if (typeof body.userError === 'string' && !NOT_ERRORS.has(body.userError)) codes.push(body.userError);
  if (Array.isArray(body.errorWrappers)) {
    for (const wrapper of body.errorWrappers) {
      const code = asRecord(wrapper).error;
      if (typeof code === 'string') codes.push(code);
    }
  }
  return codes;
};

/** VIES sends "---" (or nothing) when a member state does not disclose name/address. */
const disclosed = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' && value.trim() !== '---' ? value.trim() : undefined;

const describeCodes = (codes: string[], status: number): string => {
  const outage = codes.some((code) => VIES_OUTAGE_ERRORS.has(code));
  const hint = outage ? 'retry later' : 'not an outage; check the request and our requester configuration';
  return `VIES could not check the VAT ID: ${codes.join(', ')} (HTTP ${status}; ${hint})`;
};

/** Classifies one HTTP answer of `POST /check-vat-number`; `body` is the parsed JSON or undefined. */
export const interpretViesResponse = (status: number, body: unknown): ViesOutcome => {
  const record = asRecord(body);
  const codes = errorCodes(record);
  if (codes.includes(INVALID_INPUT)) return { kind: 'invalid-input' };
  // Non-outage codes (INVALID_REQUESTER_INFO, VAT_BLOCKED, IP_BLOCKED, unknown ones) give no verdict either:
  // without a verdict there is no 0 % ICL, so they are reported as "unavailable" with their code.
  if (codes.length > 0) return { kind: 'unavailable', reason: describeCodes(codes, status) };
  if (status >= 500) return { kind: 'unavailable', reason: `VIES server error HTTP ${status}` };
  if (status < 200 || status > 299) {
    return { kind: 'unavailable', reason: `VIES rejected the request with HTTP ${status}` };
  }
  const valid = record.valid ?? record.isValid;
  if (record.actionSucceed === false || typeof valid !== 'boolean') {
    return { kind: 'unavailable', reason: `VIES sent an answer without a verdict (HTTP ${status})` };
  }
  return {
    kind: 'answer',
    valid,
    requestIdentifier: disclosed(record.requestIdentifier),
    name: disclosed(record.name),
    address: disclosed(record.address),
  };
};
