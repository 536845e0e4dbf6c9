import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWooCommerceWebhooks } from '../../../../src/adapters/channels/woocommerce/woocommerce-webhooks.js';
import { ValidationError } from '../../../../src/domain/shared/errors.js';

interface Vectors {
  vectors: {
    topic: string;
    secret: string;
    raw_body_utf8: string;
    'expected_X-WC-Webhook-Signature': string;
  }[];
  ping: { raw_body: string };
}

const FIXTURES = new URL('../../../fixtures/channels/woocommerce/', import.meta.url);
const vectors = JSON.parse(
  readFileSync(new URL('webhook-signature-vectors.json', FIXTURES), 'utf8'),
) as Vectors;
const orderBody = readFileSync(new URL('orders/nl-gross-coupon-mixed-rates.json', FIXTURES));

const webhooks = createWooCommerceWebhooks({ supplyType: 'goods' });
const SECRET = 'wc_whsec_test_only_7f3a';
const sign = (body: Buffer, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');

/** The headers WooCommerce sends with a delivery (lower-cased, as the port receives them). */
const delivery = (body: Buffer, topic: string, signature = sign(body)) => ({
  'x-wc-webhook-source': 'https://shop.example.nl/',
  'x-wc-webhook-topic': topic,
  'x-wc-webhook-resource': topic.split('.')[0],
  'x-wc-webhook-event': topic.split('.')[1],
  'x-wc-webhook-signature': signature,
  'x-wc-webhook-id': '17',
  'x-wc-webhook-delivery-id': 'a3f5c0e1d2b4968778695a4b3c2d1e0f',
});

describe('WooCommerce webhooks: the signature', () => {
  it.each(vectors.vectors.map((v) => [v.topic, v] as const))(
    'verifies the %s vector over its raw bytes',
    (_, v) => {
      const raw = Buffer.from(v.raw_body_utf8, 'utf8');
      const headers = {
        'x-wc-webhook-topic': v.topic,
        'x-wc-webhook-signature': v['expected_X-WC-Webhook-Signature'],
      };
      expect(webhooks.verify(raw, headers, v.secret)).toBe(true);
    },
  );

  it.each(vectors.vectors.map((v) => [v.topic, v] as const))(
    'the %s vector re-serialised as JSON does not verify (WooCommerce escapes "/" and non-ASCII)',
    (_, v) => {
      const reserialised = Buffer.from(JSON.stringify(JSON.parse(v.raw_body_utf8)), 'utf8');
      expect(reserialised.equals(Buffer.from(v.raw_body_utf8, 'utf8'))).toBe(false);
      const headers = { 'x-wc-webhook-signature': v['expected_X-WC-Webhook-Signature'] };
      expect(webhooks.verify(reserialised, headers, v.secret)).toBe(false);
    },
  );

  it.each(vectors.vectors.map((v) => [v.topic, v] as const))(
    'the %s vector fails with another secret, a changed byte, or a signature of the wrong length',
    (_, v) => {
      const raw = Buffer.from(v.raw_body_utf8, 'utf8');
      const signature = v['expected_X-WC-Webhook-Signature'];
      expect(webhooks.verify(raw, { 'x-wc-webhook-signature': signature }, `${v.secret}x`)).toBe(false);
      expect(webhooks.verify(raw, { 'x-wc-webhook-signature': signature }, '')).toBe(false);
      const changed = Buffer.from(raw);
      changed[changed.length - 2] = 0x20;
      expect(webhooks.verify(changed, { 'x-wc-webhook-signature': signature }, v.secret)).toBe(false);
      expect(webhooks.verify(raw, { 'x-wc-webhook-signature': signature.slice(0, -4) }, v.secret)).toBe(
        false,
      );
      expect(webhooks.verify(raw, { 'x-wc-webhook-signature': `${signature}AAAA` }, v.secret)).toBe(false);
    },
  );

  it('an order delivery without a signature does not verify', () => {
    const raw = Buffer.from(vectors.vectors[0]!.raw_body_utf8, 'utf8');
    expect(webhooks.verify(raw, { 'x-wc-webhook-topic': 'order.updated' }, SECRET)).toBe(false);
    expect(webhooks.verify(raw, {}, SECRET)).toBe(false);
  });

  it('the activation ping (WooCommerce sends it unsigned, and needs a 200) verifies; nothing else unsigned does', () => {
    const ping = Buffer.from(vectors.ping.raw_body, 'utf8');
    expect(webhooks.verify(ping, {}, SECRET)).toBe(true);
    expect(webhooks.verify(ping, { 'x-wc-webhook-topic': 'order.updated' }, SECRET)).toBe(false);
    expect(webhooks.verify(Buffer.from('webhook_id=17&id=4711'), {}, SECRET)).toBe(false);
    // A ping that does come signed must carry the right signature.
    expect(webhooks.verify(ping, { 'x-wc-webhook-signature': sign(ping, 'other') }, SECRET)).toBe(false);
    expect(webhooks.verify(ping, { 'x-wc-webhook-signature': sign(ping) }, SECRET)).toBe(true);
  });
});

describe('WooCommerce webhooks: what a delivery says', () => {
  it('a ping: the form-encoded webhook_id body, or no topic at all', () => {
    expect(webhooks.parse(Buffer.from(vectors.ping.raw_body), {})).toEqual({ kind: 'ping' });
    expect(webhooks.parse(Buffer.from('{"webhook_id":17}'), { 'x-wc-webhook-id': '17' })).toEqual({
      kind: 'ping',
    });
  });

  it.each(['order.created', 'order.updated'])(
    '%s: the mapped order, with the delivery id as event id',
    (topic) => {
      const headers = delivery(orderBody, topic);
      expect(webhooks.verify(orderBody, headers, SECRET)).toBe(true);
      const message = webhooks.parse(orderBody, headers);
      expect(message).toMatchObject({
        kind: 'order',
        eventId: 'a3f5c0e1d2b4968778695a4b3c2d1e0f',
        order: { externalId: '4711', updatedAt: '2026-11-20T10:16:12Z', cancelled: false },
      });
      if (message.kind !== 'order') throw new Error('expected an order');
      expect(message.order.order?.lines).toHaveLength(2);
    },
  );

  it('the delivery body is read from its raw bytes, escapes and all', () => {
    const escaped = Buffer.from(
      orderBody.toString('utf8').replace(/\//g, '\\/').replace(/€/g, '\\u20ac'),
      'utf8',
    );
    const message = webhooks.parse(escaped, delivery(escaped, 'order.updated'));
    expect(message).toMatchObject({ kind: 'order', order: { externalId: '4711' } });
  });

  it.each([
    'order.deleted',
    'order.restored',
    'product.updated',
    'action.woocommerce_order_status_completed',
  ])('%s is ignored', (topic) => {
    const body = Buffer.from('{"id":4711}');
    expect(webhooks.parse(body, delivery(body, topic))).toEqual({
      kind: 'ignored',
      reason: `topic ${topic} is not an order to invoice`,
    });
  });

  it('an order topic whose body is not an order is a ValidationError', () => {
    const notJson = Buffer.from('<html>maintenance</html>');
    expect(() => webhooks.parse(notJson, delivery(notJson, 'order.updated'))).toThrow(ValidationError);
    // The signature vector's body is a real delivery, but too thin an order to invoice.
    const thin = Buffer.from(vectors.vectors[0]!.raw_body_utf8, 'utf8');
    expect(() => webhooks.parse(thin, delivery(thin, 'order.updated'))).toThrow(ValidationError);
    const legacy = Buffer.from(JSON.stringify({ order: JSON.parse(orderBody.toString('utf8')) }));
    expect(() => webhooks.parse(legacy, delivery(legacy, 'order.created'))).toThrow(
      /WP REST API Integration v3/,
    );
  });
});
