import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import {
  ViesVatIdVerifier,
  type ViesVatIdVerifierOptions,
} from '../../../src/adapters/vies/vies-vat-id-verifier.js';
import { DependencyUnavailableError } from '../../../src/domain/shared/errors.js';
import {
  CHECK_VAT_REQUEST_FIELDS,
  type FakeVies,
  startFakeVies,
  type ViesScenario,
} from '../../support/fake-vies-server.js';

const NOW = '2026-03-02T10:00:00.000Z';
const clock = { now: () => new Date(NOW) };
const SELLER = { countryCode: 'NL', vatNumber: '123456782B01' };

/** Answers like the live service, keyed by prefix + number (all IDs below have valid check digits). */
const vies: ViesScenario = ({ countryCode, vatNumber, requesterNumber }) => {
  const common = { countryCode, vatNumber, requestDate: '2026-03-02+01:00' };
  switch (`${countryCode}${vatNumber}`) {
    case 'DE136695976':
      return {
        status: 200,
        body: {
          ...common,
          valid: true,
          ...(requesterNumber ? { requestIdentifier: 'WAPIAAAAZ1bV3Tgx' } : {}),
          name: 'ACME HANDELS GMBH',
          address: 'HAUPTSTR. 1\n10115 BERLIN',
        },
      };
    case 'EL094014201':
      return { status: 200, body: { ...common, valid: true, name: '---', address: '---' } };
    case 'NL123456782B01':
      return { status: 200, body: { ...common, valid: true, userError: 'VALID' } };
    case 'BE0403170701':
      return { status: 200, body: { ...common, valid: false, name: '---', address: '---' } };
    case 'FR40303265045':
      return { status: 200, body: { ...common, valid: false, userError: 'MS_UNAVAILABLE' } };
    case 'ATU13585627':
      return {
        status: 500,
        body: {
          actionSucceed: false,
          errorWrappers: [{ error: 'SERVICE_UNAVAILABLE', message: 'try later' }],
        },
      };
    case 'ESA28015865':
      return { status: 400, body: { actionSucceed: false, errorWrappers: [{ error: 'INVALID_INPUT' }] } };
    case 'IT00743110157':
      return { status: 200, body: { ...common, valid: true }, delayMs: 2_000 };
    case 'PL5260250274':
      return { status: 502, body: undefined, rawBody: '<html>Bad gateway</html>' };
    default:
      return { status: 200, body: { ...common, valid: false } };
  }
};

let server: FakeVies;
let scenario: ViesScenario = vies;

beforeAll(async () => {
  server = await startFakeVies((request) => scenario(request));
});
afterAll(() => server.close());
beforeEach(() => {
  scenario = vies;
  server.requests.length = 0;
  server.violations.length = 0;
});

const verifier = (options: Partial<ViesVatIdVerifierOptions> = {}) =>
  new ViesVatIdVerifier({ baseUrl: server.baseUrl, requester: SELLER, clock, ...options });

const unavailable = async (promise: Promise<unknown>): Promise<DependencyUnavailableError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DependencyUnavailableError);
  return error as DependencyUnavailableError;
};

describe('ViesVatIdVerifier against a local VIES', () => {
  it('answers valid with the consultation number, name and address, sending our requester', async () => {
    await expect(verifier().verify('de 136 695 976')).resolves.toEqual({
      vatId: 'DE136695976',
      valid: true,
      checkedAt: NOW,
      source: 'vies',
      requestIdentifier: 'WAPIAAAAZ1bV3Tgx',
      name: 'ACME HANDELS GMBH',
      address: 'HAUPTSTR. 1\n10115 BERLIN',
    });
    expect(server.requests).toEqual([
      {
        countryCode: 'DE',
        vatNumber: '136695976',
        requesterMemberStateCode: 'NL',
        requesterNumber: '123456782B01',
      },
    ]);
    expect(server.violations).toEqual([]);
  });

  it('sends no requester fields without a requester (then VIES gives no consultation number)', async () => {
    const result = await verifier({ requester: undefined, baseUrl: `${server.baseUrl}/` }).verify(
      'DE136695976',
    );
    expect(result.valid).toBe(true);
    expect(result.requestIdentifier).toBeUndefined();
    expect(server.requests).toEqual([{ countryCode: 'DE', vatNumber: '136695976' }]);
  });

  it('asks VIES with the EL prefix for Greece, whether typed GR or EL, and drops "---" placeholders', async () => {
    for (const input of ['GR094014201', 'EL094014201']) {
      await expect(verifier().verify(input)).resolves.toEqual({
        vatId: 'EL094014201',
        valid: true,
        checkedAt: NOW,
        source: 'vies',
      });
    }
    expect(server.requests.map((r) => r.countryCode)).toEqual(['EL', 'EL']);
  });

  it('accepts a requester given with prefix or as GR', async () => {
    await verifier({ requester: { countryCode: 'GR', vatNumber: 'EL094014201' } }).verify('DE136695976');
    expect(server.requests[0]).toMatchObject({
      requesterMemberStateCode: 'EL',
      requesterNumber: '094014201',
    });
    expect(() => verifier({ requester: { countryCode: 'US', vatNumber: '123' } })).toThrow(
      /not an EU VAT ID/,
    );
  });

  it('reads userError VALID (live-service style) as no error', async () => {
    await expect(verifier().verify('NL123456782B01')).resolves.toMatchObject({ valid: true, source: 'vies' });
  });

  it('answers invalid for a registered-format number VIES does not know', async () => {
    await expect(verifier().verify('BE0403170701')).resolves.toEqual({
      vatId: 'BE0403170701',
      valid: false,
      checkedAt: NOW,
      source: 'vies',
    });
  });

  it('answers invalid on INVALID_INPUT, both as HTTP 400 errorWrappers and as userError', async () => {
    await expect(verifier().verify('ESA28015865')).resolves.toMatchObject({ valid: false, source: 'vies' });
    scenario = () => ({ status: 200, body: { valid: false, userError: 'INVALID_INPUT' } });
    await expect(verifier().verify('ESA28015865')).resolves.toMatchObject({ valid: false, source: 'vies' });
  });

  it('throws DependencyUnavailableError on userError MS_UNAVAILABLE instead of reading valid:false', async () => {
    const error = await unavailable(verifier().verify('FR40303265045'));
    expect(error.message).toMatch(/MS_UNAVAILABLE/);
    expect(error.code).toBe('dependency_unavailable');
  });

  it.each([
    'TIMEOUT',
    'SERVICE_UNAVAILABLE',
    'MS_MAX_CONCURRENT_REQ',
    'GLOBAL_MAX_CONCURRENT_REQ',
    'INVALID_REQUESTER_INFO',
  ])('throws DependencyUnavailableError naming %s', async (code) => {
    scenario = () => ({ status: 200, body: { valid: false, userError: code } });
    expect((await unavailable(verifier().verify('DE136695976'))).message).toContain(code);
    scenario = () => ({ status: 500, body: { actionSucceed: false, errorWrappers: [{ error: code }] } });
    expect((await unavailable(verifier().verify('DE136695976'))).message).toContain(code);
  });

  it('throws DependencyUnavailableError on HTTP 500 with a CommonResponse', async () => {
    const error = await unavailable(verifier().verify('ATU13585627'));
    expect(error.message).toMatch(/SERVICE_UNAVAILABLE.*HTTP 500/);
  });

  it('throws DependencyUnavailableError on a non-JSON 502 and on a 200 without a verdict', async () => {
    expect((await unavailable(verifier().verify('PL5260250274'))).message).toMatch(/HTTP 502/);
    scenario = () => ({ status: 200, body: { countryCode: 'DE', vatNumber: '136695976' } });
    expect((await unavailable(verifier().verify('DE136695976'))).message).toMatch(/without a verdict/);
  });

  it('throws DependencyUnavailableError when VIES answers after the timeout', async () => {
    const started = Date.now();
    const error = await unavailable(verifier({ timeoutMs: 150 }).verify('IT00743110157'));
    expect(error.message).toBe('VIES did not answer within 150 ms');
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(server.requests).toHaveLength(1);
  });

  it('throws DependencyUnavailableError when nothing listens', async () => {
    const gone = await startFakeVies(vies);
    await gone.close();
    const error = await unavailable(verifier({ baseUrl: gone.baseUrl }).verify('DE136695976'));
    expect(error.message).toMatch(
      /VIES unreachable at http:\/\/127\.0\.0\.1:\d+\/check-vat-number: ECONNREFUSED/,
    );
  });

  it.each([
    ['NL859498522B01', 'NL859498522B01'],
    ['DE136695977', 'DE136695977'],
    ['el 094014202', 'EL094014202'],
    ['XI123456782', 'XI123456782'],
    ['  not a vat id ', 'not a vat id'],
  ])('answers %j from the check digits without calling VIES', async (input, vatId) => {
    await expect(verifier().verify(input)).resolves.toEqual({
      vatId,
      valid: false,
      checkedAt: NOW,
      source: 'checksum',
    });
    expect(server.requests).toEqual([]);
    expect(server.violations).toEqual([]);
  });
});

describe('fake VIES follows the official description', () => {
  const text = readFileSync(
    new URL('../../fixtures/eu-vies/swagger_publicVAT.yaml', import.meta.url),
    'utf8',
  );
  const document = parseDocument(text.replace(/\r\n/g, '\n'));
  const swagger = document.toJS();

  it('uses the documented path, request fields and response fields', () => {
    // The EC file's multi-line `info.description` (lines 4-6) is under-indented: invalid YAML 1.2 that
    // lenient parsers accept. Everything after it parses cleanly.
    expect(document.errors.map((e) => e.linePos?.[0].line ?? 0).every((line) => line <= 6)).toBe(true);
    expect(swagger.paths['/check-vat-number'].post.operationId).toBe('checkVatNumber');
    expect(Object.keys(swagger.definitions.CheckVatRequest.properties)).toEqual(CHECK_VAT_REQUEST_FIELDS);
    expect(Object.keys(swagger.definitions.CheckVatResponse.properties)).toEqual(
      expect.arrayContaining(['valid', 'requestIdentifier', 'name', 'address', 'requestDate']),
    );
    expect(Object.keys(swagger.definitions.ErrorWrapper.properties)).toEqual(['error', 'message']);
  });

  it('rejects off-protocol requests (so the adapter tests would notice one)', async () => {
    const wrongPath = await fetch(`${server.baseUrl}/check-vat`, { method: 'POST' });
    const wrongField = await fetch(`${server.baseUrl}/check-vat-number`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ countryCode: 'DE', vatNumber: '136695976', vatId: 'x' }),
    });
    expect([wrongPath.status, wrongField.status]).toEqual([404, 400]);
    expect(server.violations).toEqual(['path /check-vat', 'unknown fields vatId']);
    expect(server.requests).toEqual([]);
  });
});
