import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseJsonKeepingNumbers } from '../../../../src/adapters/channels/shopify/lossless-json.js';
import {
  orderIdOfRefundWebhook,
  orderIdToReread,
  shopifyWebhooks,
} from '../../../../src/adapters/channels/shopify/shopify-webhooks.js';
import { ValidationError } from '../../../../src/domain/shared/errors.js';
import { fixtureBytes, fixtureText, NL_ORDER_GID } from './shopify-fixtures.js';

interface HmacVector {
  topic: string;
  secret: string;
  raw_body_utf8: string;
  'expected_X-Shopify-Hmac-Sha256': string;
}

const vectors: HmacVector[] = JSON.parse(fixtureText('hmac-vectors.json')).vectors;
const { verify, parse } = shopifyWebhooks;

/** The orders/paid fixture with `change` applied to its text (so numeric ids stay as Shopify wrote them). */
const paidOrderBody = (change: (text: string) => string = (t) => t): Buffer =>
  Buffer.from(change(fixtureText('webhook-orders-paid-nl.json')), 'utf8');

const validationError = (run: () => unknown): ValidationError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
};

describe('Shopify webhook signature', () => {
  it.each(vectors.map((v) => [v.topic, v] as const))('accepts the %s vector', (_topic, vector) => {
    const body = Buffer.from(vector.raw_body_utf8, 'utf8');
    const signature = vector['expected_X-Shopify-Hmac-Sha256'];
    expect(verify(body, { 'x-shopify-hmac-sha256': signature }, vector.secret)).toBe(true);
    // Header names arrive in any case from other frameworks.
    expect(verify(body, { 'X-Shopify-Hmac-Sha256': signature }, vector.secret)).toBe(true);
  });

  it.each(vectors.map((v) => [v.topic, v] as const))(
    'refuses the %s vector when anything changes',
    (_t, vector) => {
      const body = Buffer.from(vector.raw_body_utf8, 'utf8');
      const signature = vector['expected_X-Shopify-Hmac-Sha256'];
      const reserialised = Buffer.from(JSON.stringify(JSON.parse(vector.raw_body_utf8)), 'utf8');
      expect(verify(reserialised, { 'x-shopify-hmac-sha256': signature }, vector.secret)).toBe(false);
      expect(
        verify(
          Buffer.concat([body, Buffer.from(' ')]),
          { 'x-shopify-hmac-sha256': signature },
          vector.secret,
        ),
      ).toBe(false);
      expect(verify(body, { 'x-shopify-hmac-sha256': signature }, `${vector.secret}x`)).toBe(false);
      expect(verify(body, { 'x-shopify-hmac-sha256': signature }, '')).toBe(false);
      expect(verify(body, {}, vector.secret)).toBe(false);
      expect(verify(body, { 'x-shopify-hmac-sha256': `${signature}AA` }, vector.secret)).toBe(false);
      expect(verify(body, { 'x-shopify-hmac-sha256': signature.replace(/^./, '*') }, vector.secret)).toBe(
        false,
      );
      const hex = createHmac('sha256', vector.secret).update(body).digest('hex');
      expect(verify(body, { 'x-shopify-hmac-sha256': hex }, vector.secret)).toBe(false);
    },
  );

  it('checks the raw bytes: a UTF-8 body signed as bytes verifies, its re-encoding does not', () => {
    const refund = vectors.find((v) => v.topic === 'refunds/create')!;
    expect(refund.raw_body_utf8).toContain('Café – damaged');
    const latin1 = Buffer.from(refund.raw_body_utf8, 'latin1');
    expect(
      verify(latin1, { 'x-shopify-hmac-sha256': refund['expected_X-Shopify-Hmac-Sha256'] }, refund.secret),
    ).toBe(false);
  });
});

describe('Shopify webhook topics', () => {
  it.each(['orders/create', 'orders/updated', 'orders/paid', 'orders/cancelled'])(
    'reads %s as an order',
    (topic) => {
      const message = parse(paidOrderBody(), { 'x-shopify-topic': topic, 'x-shopify-event-id': 'evt-1' });
      expect(message).toMatchObject({ kind: 'order', eventId: 'evt-1', order: { externalId: NL_ORDER_GID } });
    },
  );

  it('takes the order id from admin_graphql_api_id, never from the numeric id JSON.parse rounds', () => {
    const vector = vectors.find((v) => v.topic === 'orders/create')!;
    expect(String(JSON.parse(vector.raw_body_utf8).id)).toBe('820982911946154500');
    const message = parse(paidOrderBody(), { 'x-shopify-topic': 'orders/paid' });
    expect(message.kind === 'order' && message.order.externalId).toBe(
      'gid://shopify/Order/5123456789012345678',
    );
    expect(message).not.toHaveProperty('eventId');
  });

  it('keeps numbers as written when reading a payload', () => {
    expect(
      parseJsonKeepingNumbers('{"id":820982911946154508,"rate":0.21,"s":"a 1 \\" 2","n":[-1.5e3,true,null]}'),
    ).toEqual({
      id: '820982911946154508',
      rate: '0.21',
      s: 'a 1 " 2',
      n: ['-1.5e3', true, null],
    });
  });

  it('answers refunds/create with the order to re-read, keeping every digit of order_id', () => {
    const body = fixtureBytes('webhook-refunds-create.json');
    const headers = { 'x-shopify-topic': 'refunds/create' };
    expect(parse(body, headers)).toEqual({
      kind: 'ignored',
      reason: 'refund: order gid://shopify/Order/5123456789012345678 will be re-read',
    });
    expect(orderIdOfRefundWebhook(body)).toBe(NL_ORDER_GID);
    expect(orderIdToReread(body, headers)).toBe(NL_ORDER_GID);

    const vector = vectors.find((v) => v.topic === 'refunds/create')!;
    expect(orderIdOfRefundWebhook(Buffer.from(vector.raw_body_utf8))).toBe(
      'gid://shopify/Order/820982911946154508',
    );
    expect(validationError(() => orderIdOfRefundWebhook(Buffer.from('{"order_id":null}'))).errors).toEqual([
      { field: 'order_id', message: 'must be the numeric order id' },
    ]);
  });

  it('answers a B2B order with the order to re-read: the payload has no company tax registration', () => {
    const body = paidOrderBody((t) =>
      t.replace(
        '"test": false,',
        '"test": false, "company": { "id": 9912345678901234567, "location_id": 9912345678901234568 },',
      ),
    );
    const headers = { 'x-shopify-topic': 'orders/create' };
    expect(parse(body, headers)).toEqual({
      kind: 'ignored',
      reason: `B2B order ${NL_ORDER_GID}: the company's VAT ID is read through the API; it will be re-read`,
    });
    expect(orderIdToReread(body, headers)).toBe(NL_ORDER_GID);
    expect(orderIdToReread(paidOrderBody(), headers)).toBeUndefined();
  });

  it('reads refunds on an updated order from their successful refund transactions', () => {
    // Written as JSON text: the refund id exceeds 2^53 and must reach the parser as Shopify sends it.
    const refunds = `[{
      "id": 983456789012345678,
      "admin_graphql_api_id": "gid://shopify/Refund/983456789012345678",
      "created_at": "2026-11-24T15:02:10+01:00",
      "note": "Kopje gebroken aangekomen",
      "transactions": [
        { "id": 8812345678901234567, "kind": "refund", "status": "success", "amount": "22.45", "currency": "EUR" },
        { "id": 8812345678901234568, "kind": "refund", "status": "failure", "amount": "22.45", "currency": "EUR" }
      ]
    }]`;
    const body = paidOrderBody((t) =>
      t
        .replace('"refunds": []', `"refunds": ${refunds}`)
        .replace('"financial_status": "paid"', '"financial_status": "partially_refunded"'),
    );
    const message = parse(body, { 'x-shopify-topic': 'orders/updated' });
    expect(message.kind === 'order' && message.order.refunds).toEqual([
      {
        refundId: 'gid://shopify/Refund/983456789012345678',
        createdAt: '2026-11-24T14:02:10.000Z',
        amount: '22.45',
        reason: 'Kopje gebroken aangekomen',
      },
    ]);
    const foreign = paidOrderBody((t) =>
      t.replace('"refunds": []', `"refunds": ${refunds.replaceAll('EUR', 'USD')}`),
    );
    expect(parse(foreign, { 'x-shopify-topic': 'orders/updated' })).toMatchObject({ kind: 'ignored' });
  });

  it('reads orders/cancelled of an unpaid order as cancelled with nothing to invoice', () => {
    const body = paidOrderBody((t) =>
      t
        .replace('"cancelled_at": null', '"cancelled_at": "2026-11-20T13:00:00+01:00"')
        .replace('"financial_status": "paid"', '"financial_status": "voided"'),
    );
    expect(parse(body, { 'x-shopify-topic': 'orders/cancelled' })).toMatchObject({
      kind: 'order',
      order: { externalId: NL_ORDER_GID, order: undefined, cancelled: true },
    });
  });

  it('ignores topics that do not concern invoicing', () => {
    expect(parse(Buffer.from('{}'), { 'x-shopify-topic': 'fulfillments/create' })).toEqual({
      kind: 'ignored',
      reason: 'topic fulfillments/create does not concern invoicing',
    });
  });

  it('throws ValidationError for a missing topic, a body that is not JSON, or an order without its fields', () => {
    validationError(() => parse(paidOrderBody(), {}));
    expect(
      validationError(() => parse(Buffer.from('<html>'), { 'x-shopify-topic': 'orders/paid' })).message,
    ).toMatch(/not JSON/);
    const broken = paidOrderBody((t) =>
      t.replace('"admin_graphql_api_id": "gid://shopify/Order/5123456789012345678",', ''),
    );
    expect(validationError(() => parse(broken, { 'x-shopify-topic': 'orders/paid' })).errors).toEqual([
      { field: 'admin_graphql_api_id', message: expect.any(String) },
    ]);
  });
});
