/**
 * Shopify webhooks (domain.md §5.2): signature check and what each topic means for invoicing.
 *
 * - `X-Shopify-Hmac-Sha256` = base64(HMAC-SHA256(app client secret, raw body bytes)), compared in constant
 *   time on the decoded bytes, before anything is parsed.
 * - `orders/create`, `orders/updated`, `orders/paid`, `orders/cancelled` carry the REST-shaped order; it
 *   becomes a ChannelOrder with `X-Shopify-Event-Id` as the dedupe key.
 * - `refunds/create` carries a Refund without its order, and a credit note needs the order: the message is
 *   `ignored` with the order's GID in the reason, and `orderIdOfRefundWebhook` (or `orderIdToReread`) gives
 *   the caller that GID to re-read the order with the client's `getOrder`. A B2B order is answered the same
 *   way (see shopify-webhook-order.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChannelWebhooks, WebhookMessage } from '../../../domain/ports/channel-client.js';
import { ValidationError } from '../../../domain/shared/errors.js';
import { parseJsonKeepingNumbers } from './lossless-json.js';
import { toChannelOrder } from './shopify-order.js';
import { readWebhookOrder, webhookOrderSchema } from './shopify-webhook-order.js';

const ORDER_TOPICS = new Set(['orders/create', 'orders/updated', 'orders/paid', 'orders/cancelled']);
const REFUND_TOPIC = 'refunds/create';
/** A SHA-256 digest is 32 bytes: 43 base64 characters and one padding sign. */
const BASE64_DIGEST = /^[A-Za-z0-9+/]{43}=$/;

type Headers = Readonly<Record<string, string | undefined>>;

const header = (headers: Headers, name: string): string | undefined => {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key]?.trim();
};

const parseBody = (rawBody: Buffer): unknown => {
  try {
    return parseJsonKeepingNumbers(rawBody.toString('utf8'));
  } catch {
    throw new ValidationError('Shopify webhook body is not JSON');
  }
};

const invalid = (
  what: string,
  issues: readonly { path: PropertyKey[]; message: string }[],
): ValidationError =>
  new ValidationError(
    `Shopify ${what} is not what the topic promises`,
    issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message })),
  );

/** The GID of the order a `refunds/create` webhook is about (its `order_id`, read without precision loss). */
export const orderIdOfRefundWebhook = (rawBody: Buffer): string => {
  const body = parseBody(rawBody);
  const orderId =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).order_id : undefined;
  if (typeof orderId !== 'string' || !/^\d+$/.test(orderId)) {
    throw invalid('refund', [{ path: ['order_id'], message: 'must be the numeric order id' }]);
  }
  return `gid://shopify/Order/${orderId}`;
};

/**
 * The GID of the order a verified webhook asks to re-read with `getOrder`, when `parse` answered `ignored`
 * for that reason (`refunds/create`, a B2B order); undefined for any other message.
 */
export const orderIdToReread = (rawBody: Buffer, headers: Headers): string | undefined => {
  const topic = header(headers, 'x-shopify-topic');
  if (topic === REFUND_TOPIC) return orderIdOfRefundWebhook(rawBody);
  if (topic === undefined || !ORDER_TOPICS.has(topic)) return undefined;
  const parsed = webhookOrderSchema.safeParse(parseBody(rawBody));
  return parsed.success && readWebhookOrder(parsed.data).kind === 'reread'
    ? parsed.data.admin_graphql_api_id
    : undefined;
};

const verify: ChannelWebhooks['verify'] = (rawBody, headers, secret) => {
  const signature = header(headers, 'x-shopify-hmac-sha256');
  if (signature === undefined || !BASE64_DIGEST.test(signature) || secret.length === 0) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'base64'));
};

const parse: ChannelWebhooks['parse'] = (rawBody, headers): WebhookMessage => {
  const topic = header(headers, 'x-shopify-topic');
  if (topic === undefined) throw new ValidationError('Shopify webhook without X-Shopify-Topic');
  if (topic === REFUND_TOPIC) {
    return { kind: 'ignored', reason: `refund: order ${orderIdOfRefundWebhook(rawBody)} will be re-read` };
  }
  if (!ORDER_TOPICS.has(topic))
    return { kind: 'ignored', reason: `topic ${topic} does not concern invoicing` };
  const parsed = webhookOrderSchema.safeParse(parseBody(rawBody));
  if (!parsed.success) throw invalid(`${topic} payload`, parsed.error.issues);
  const reading = readWebhookOrder(parsed.data);
  if (reading.kind === 'reread') return { kind: 'ignored', reason: `${reading.reason}; it will be re-read` };
  const eventId = header(headers, 'x-shopify-event-id');
  return { kind: 'order', order: toChannelOrder(reading.facts), ...(eventId && { eventId }) };
};

export const shopifyWebhooks: ChannelWebhooks = { verify, parse };
