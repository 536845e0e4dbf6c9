/**
 * Checks the bol adapter's requests, and the fake server's hand-written answers, against bol's own
 * OpenAPI document ("v10 - Retailer API", 10.x). bol grants no licence to redistribute it, so it is
 * not in the repository: fetch `src/OpenApi/retailer.json` of picqer/bol-retailer-php-client at
 * commit 279a71ed367a40db8f5ce6c41752ee98574b5f09 into a git-ignored path (default
 * `.data/bol-retailer-v10/retailer.json`, or set BOL_RETAILER_SPEC). Without it this test skips.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OpenAPIBackend } from 'openapi-backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBolClient } from '../../../../src/adapters/channels/bol/bol-client.js';
import { isoDate, isoDateTime } from '../../../../src/domain/shared/schemas.js';
import {
  belgianBusinessOrder,
  businessOrder,
  cancelledOrder,
  consumerOrder,
  openOrder,
} from './bol-order-fixtures.js';
import { type FakeBol, startFakeBol } from './fake-bol-server.js';

const SPEC_PATH =
  process.env.BOL_RETAILER_SPEC ??
  fileURLToPath(new URL('../../../../.data/bol-retailer-v10/retailer.json', import.meta.url));
const SPEC_SHA256 = '688316190512512072fc0ed1f54471f6bed699ac3eb11dda6114ca310f9a50af';
const specPresent = existsSync(SPEC_PATH);

type Spec = {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
  >;
};

/**
 * openapi-backend validates answers against `application/json` schemas only; bol declares its own
 * media type. The copy given to the validator also lists each schema under application/json.
 */
const withJsonAliases = (spec: Spec): Spec => {
  const copy = structuredClone(spec);
  for (const operations of Object.values(copy.paths)) {
    for (const operation of Object.values(operations)) {
      for (const response of Object.values(operation.responses ?? {})) {
        const vendor = response.content?.['application/vnd.retailer.v10+json'];
        if (response.content && vendor && !response.content['application/json']) {
          response.content['application/json'] = vendor;
        }
      }
    }
  }
  return copy;
};

/** The spec's formats: checked where they carry meaning, accepted where the JSON type says it all. */
const FORMATS: Record<string, true | ((value: string) => boolean)> = {
  'date-time': (value) => isoDateTime.safeParse(value).success,
  date: (value) => isoDate.safeParse(value).success,
  uri: (value) => URL.canParse(value),
  int32: true,
  int64: true,
  double: true,
  float: true,
  byte: true,
  binary: true,
};

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const CREDENTIALS = { clientId: 'conformance-client', clientSecret: 'conformance-secret' };

describe('bol adapter against the Retailer API v10 spec', () => {
  let bol: FakeBol;
  let api: OpenAPIBackend;
  let spec: Spec;

  beforeAll(async () => {
    if (!specPresent) return;
    const text = readFileSync(SPEC_PATH);
    expect(createHash('sha256').update(text).digest('hex'), `${SPEC_PATH} is not the pinned spec`).toBe(
      SPEC_SHA256,
    );
    spec = JSON.parse(text.toString('utf8')) as Spec;
    api = new OpenAPIBackend({
      definition: withJsonAliases(spec) as never,
      validate: true,
      ajvOpts: { strict: false, allErrors: true },
      customizeAjv: (ajv) => {
        for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
        return ajv;
      },
    });
    await api.init();
    bol = await startFakeBol({ ...CREDENTIALS, now: () => new Date(NOW) });
  });
  afterAll(() => bol?.close());

  it.skipIf(!specPresent)(
    specPresent
      ? 'sends only requests the spec allows, with its media type, and is answered in the documented shape'
      : `SKIPPED: bol's spec is not at ${SPEC_PATH} (not redistributable; see this file's header to fetch it)`,
    async () => {
      const recent = new Date(NOW - 5 * 60_000).toISOString();
      bol.orders = [
        consumerOrder,
        businessOrder,
        belgianBusinessOrder,
        cancelledOrder,
        {
          ...openOrder,
          orderItems: openOrder.orderItems.map((item) => ({ ...item, latestChangedDateTime: recent })),
        },
      ];
      const client = createBolClient({
        baseUrl: bol.baseUrl,
        tokenUrl: bol.tokenUrl,
        ...CREDENTIALS,
        now: () => new Date(NOW),
      });
      await client.listOrders({ changedFrom: new Date(NOW - 15 * 60_000).toISOString() });
      let page: string | undefined;
      do {
        page = (await client.listOrders({ changedFrom: '2026-11-18T00:00:00Z' }, page)).next;
      } while (page !== undefined);

      expect(bol.requests.length).toBeGreaterThan(10);
      for (const request of bol.requests) {
        const where = `${request.method} ${request.path}?${new URLSearchParams(request.query)}`;
        const req = {
          method: request.method,
          path: request.path,
          query: { ...request.query },
          headers: Object.fromEntries(
            Object.entries(request.headers).filter(
              (entry): entry is [string, string] => entry[1] !== undefined,
            ),
          ),
        };
        const operation = api.matchOperation(req);
        expect(operation?.operationId, where).toMatch(/^get-orders?$/);
        expect(api.validateRequest(req, operation).errors ?? [], where).toEqual([]);
        // bol's own media types for the answer, as the spec declares them (not the validator's copy).
        const declared = spec.paths[operation!.path]?.[operation!.method]?.responses?.['200']?.content;
        const mediaTypes = Object.keys(declared ?? {});
        expect(mediaTypes, where).toContain(request.headers.accept);
        expect(request.response?.status, where).toBe(200);
        const body = JSON.parse(request.response!.body);
        // bol leaves out an empty array, answering `{}` for no orders where the spec requires
        // `orders` (noted in picqer/bol-retailer-php-client's README); the fake does the same.
        if (operation!.operationId === 'get-orders' && Object.keys(body).length === 0) continue;
        expect(api.validateResponse(body, operation!, 200).errors ?? [], `answer to ${where}`).toEqual([]);
      }
    },
  );

  it.skipIf(!specPresent)(
    specPresent
      ? 'validator sanity: the spec refuses an order without shipmentDetails and out-of-range query parameters'
      : `SKIPPED: bol's spec is not at ${SPEC_PATH}`,
    () => {
      const { shipmentDetails: _omitted, ...withoutShipment } = consumerOrder;
      expect(api.validateResponse(withoutShipment, 'get-order', 200).valid).toBe(false);
      const list = (query: Record<string, string>) =>
        api.validateRequest({ method: 'GET', path: '/retailer/orders', query, headers: {} }).valid;
      expect(list({ status: 'ALL', 'change-interval-minute': '60', page: '2' })).toBe(true);
      expect(list({ status: 'CLOSED' })).toBe(false);
      expect(list({ 'change-interval-minute': '61' })).toBe(false);
      expect(list({ page: '0' })).toBe(false);
    },
  );
});
