/**
 * `VatIdVerifier` backed by the EU VIES REST service (`POST {VIES_URL}/check-vat-number`), e.g.
 * VIES_URL=https://ec.europa.eu/taxation_customs/vies/rest-api. Uses Node's global fetch.
 *
 * - Check digits first (jsvat): a malformed ID is answered `{ valid: false, source: 'checksum' }` without a
 *   network call — cheaper, and VIES would only answer INVALID_INPUT.
 * - With a `requester` (our seller's own VAT ID) VIES returns a consultation number (`requestIdentifier`),
 *   the evidence that we checked the customer's VAT ID for the 0 % ICL (domain.md §2.4).
 * - Anything that is not a verdict (network error, timeout, 5xx, outage `userError`) throws
 *   `DependencyUnavailableError`: the caller retries later instead of guessing.
 */
import type { Clock } from '../../domain/shared/clock.js';
import { DependencyUnavailableError } from '../../domain/shared/errors.js';
import { hasValidCheckDigits, type ParsedVatId, parseVatId } from '../../domain/vat/vat-id/vat-id.js';
import type { VatIdVerification, VatIdVerifier } from '../../domain/vat/vat-id/vat-id-verifier.js';
import { interpretViesResponse, type ViesCheckVatRequest } from './vies-protocol.js';

export interface ViesVatIdVerifierOptions {
  /** VIES REST base URL without trailing path, e.g. https://ec.europa.eu/taxation_customs/vies/rest-api */
  baseUrl: string;
  /** Our seller's VAT ID, so VIES returns a consultation number. `GR` or `EL`; number with or without prefix. */
  requester?: { countryCode: string; vatNumber: string };
  clock: Clock;
  /** Whole request including reading the body; default 10 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

const parseRequester = (requester: { countryCode: string; vatNumber: string }): ParsedVatId => {
  const parsed =
    parseVatId(requester.vatNumber) ?? parseVatId(`${requester.countryCode}${requester.vatNumber}`);
  const country = requester.countryCode.trim().toUpperCase();
  if (!parsed || (parsed.countryCode !== country && parsed.vatPrefix !== country)) {
    throw new Error(`VIES requester ${requester.countryCode} ${requester.vatNumber} is not an EU VAT ID`);
  }
  return parsed;
};

const describeFetchFailure = (error: unknown, url: string, timeoutMs: number): string => {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return `VIES did not answer within ${timeoutMs} ms`;
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `VIES unreachable at ${url}: ${detail}`;
};

export class ViesVatIdVerifier implements VatIdVerifier {
  private readonly url: string;
  private readonly requester: ParsedVatId | undefined;
  private readonly clock: Clock;
  private readonly timeoutMs: number;

  constructor(options: ViesVatIdVerifierOptions) {
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/check-vat-number`;
    this.requester = options.requester && parseRequester(options.requester);
    this.clock = options.clock;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async verify(vatId: string): Promise<VatIdVerification> {
    // The request time is the evidence timestamp (domain.md §2.4), taken before asking.
    const checkedAt = this.clock.now().toISOString();
    const parsed = parseVatId(vatId);
    if (!parsed || !hasValidCheckDigits(parsed.normalized)) {
      return { vatId: parsed?.normalized ?? vatId.trim(), valid: false, checkedAt, source: 'checksum' };
    }
    const request: ViesCheckVatRequest = {
      countryCode: parsed.vatPrefix, // VIES uses the VAT prefix: EL for Greece.
      vatNumber: parsed.number,
      ...(this.requester && {
        requesterMemberStateCode: this.requester.vatPrefix,
        requesterNumber: this.requester.number,
      }),
    };
    const { status, body } = await this.post(request);
    const outcome = interpretViesResponse(status, body);
    const base = { vatId: parsed.normalized, checkedAt, source: 'vies' as const };
    switch (outcome.kind) {
      case 'invalid-input':
        return { ...base, valid: false };
      case 'unavailable':
        throw new DependencyUnavailableError(outcome.reason);
      case 'answer': {
        const { requestIdentifier, name, address } = outcome;
        return {
          ...base,
          valid: outcome.valid,
          ...(requestIdentifier && { requestIdentifier }),
          ...(name && { name }),
          ...(address && { address }),
        };
      }
    }
  }

  private async post(request: ViesCheckVatRequest): Promise<{ status: number; body: unknown }> {
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      return { status: response.status, body: parseJsonOrUndefined(text) };
    } catch (error) {
      throw new DependencyUnavailableError(describeFetchFailure(error, this.url, this.timeoutMs));
    }
  }
}

const parseJsonOrUndefined = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // e.g. an HTML error page from a proxy; interpretViesResponse finds no verdict.
  }
};
