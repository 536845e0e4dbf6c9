import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChannelWebhooks, WebhookMessage } from '../../../domain/ports/channel-client.js';
import { ValidationError } from '../../../domain/shared/errors.js';
import { mapWooCommerceOrder, type WooCommerceMappingDefaults } from './map-woocommerce-order.js';

/**
 * `ChannelWebhooks` for WooCommerce webhooks (API version "WP REST API Integration v3").
 *
 * - Signature: `X-WC-Webhook-Signature` = base64(HMAC-SHA256(webhook secret, raw body)), as
 *   WC_Webhook::generate_signature computes it. Always over the raw bytes: WooCommerce's JSON escapes
 *   "/" and non-ASCII characters, so re-serialised JSON does not verify.
 * - The activation ping: when a webhook is saved active, WooCommerce POSTs `webhook_id=<id>`
 *   (form-encoded) with no signature and no topic, and keeps delivery pending unless it gets a 200.
 *   That exact body verifies without a signature: it carries nothing, and `parse` reads it as a ping.
 * - Topics `order.created` and `order.updated` carry the order as the REST API shows it; every other
 *   topic (`order.deleted`, products, customers, actions) is ignored.
 */

const SIGNATURE = 'x-wc-webhook-signature';
const TOPIC = 'x-wc-webhook-topic';
const DELIVERY_ID = 'x-wc-webhook-delivery-id';
const ORDER_TOPICS = new Set(['order.created', 'order.updated']);
const PING_BODY = /^webhook_id=\d+$/;
/** 32 bytes in base64. */
const SHA256_BASE64 = /^[A-Za-z0-9+/]{43}=$/;

type Headers = Readonly<Record<string, string | undefined>>;

const isPingBody = (rawBody: Buffer): boolean => PING_BODY.test(rawBody.toString('latin1').trim());

export const verifyWooCommerceSignature = (rawBody: Buffer, headers: Headers, secret: string): boolean => {
  const signature = headers[SIGNATURE]?.trim();
  if (signature === undefined) return headers[TOPIC] === undefined && isPingBody(rawBody);
  if (secret === '' || !SHA256_BASE64.test(signature)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'base64'));
};

const parseJson = (rawBody: Buffer, topic: string): unknown => {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new ValidationError(`WooCommerce webhook ${topic}: the body is not JSON`);
  }
};

export const createWooCommerceWebhooks = (defaults: WooCommerceMappingDefaults): ChannelWebhooks => ({
  verify: verifyWooCommerceSignature,

  parse(rawBody: Buffer, headers: Headers): WebhookMessage {
    const topic = headers[TOPIC]?.trim();
    if (topic === undefined || topic === '' || isPingBody(rawBody)) return { kind: 'ping' };
    if (!ORDER_TOPICS.has(topic)) {
      return { kind: 'ignored', reason: `topic ${topic} is not an order to invoice` };
    }
    const body = parseJson(rawBody, topic);
    if (typeof body === 'object' && body !== null && 'order' in body && !('id' in body)) {
      // The legacy REST API (v1-v3 of /wc-api) wraps the order; its fields differ from wc/v3.
      throw new ValidationError(
        `WooCommerce webhook ${topic} uses the legacy API: set the webhook's API version to "WP REST API Integration v3"`,
      );
    }
    const eventId = headers[DELIVERY_ID]?.trim();
    return {
      kind: 'order',
      order: mapWooCommerceOrder(body, defaults),
      ...(eventId !== undefined && eventId !== '' && { eventId }),
    };
  },
});
