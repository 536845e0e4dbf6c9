import type { z } from 'zod';
import { channelEventSchemas } from './channel/channel.js';
import { invoiceEventSchemas } from './invoice/invoice.js';
import { orderEventSchemas } from './order/order-decider.js';
import { invoiceSeriesEventSchemas } from './series/invoice-series.js';
import { tenantEventSchemas } from './tenant/tenant.js';
import { distanceSalesEventSchemas } from './vat/distance-sales.js';

/**
 * Every event type with the zod schema of its data. Stored events carry `schemaVersion` in their
 * metadata; when a schema changes, the old version gets an upcaster here instead of a migration.
 */
export const EVENT_SCHEMA_VERSION = 1;

export const eventSchemas = {
  ...tenantEventSchemas,
  ...orderEventSchemas,
  ...invoiceSeriesEventSchemas,
  ...invoiceEventSchemas,
  ...distanceSalesEventSchemas,
  ...channelEventSchemas,
} as const;

export type EventType = keyof typeof eventSchemas;
export type AnyDomainEvent = {
  [K in EventType]: { type: K; data: z.infer<(typeof eventSchemas)[K]> };
}[EventType];

const isKnownEventType = (type: string): type is EventType => Object.hasOwn(eventSchemas, type);

/** Validates stored data against its schema: a malformed event is a bug we want to see, not skip. */
export function parseEvent(type: string, data: unknown, schemaVersion: unknown): AnyDomainEvent | undefined {
  if (!isKnownEventType(type)) return undefined;
  if (schemaVersion !== undefined && schemaVersion !== EVENT_SCHEMA_VERSION) {
    throw new Error(`No upcaster for ${type} schema version ${String(schemaVersion)}`);
  }
  return { type, data: eventSchemas[type].parse(data) } as AnyDomainEvent;
}

/**
 * The field errors that would make `data` fail its own schema when read back, or [] when it is
 * recordable. Every command handler checks this before appending: an event that cannot be read is
 * never written, so no reader (projection, workflow, export) can be stopped by one; nor is one the
 * database cannot store (see `unstorableText`).
 */
export function unrecordableFields(type: string, data: unknown): { field: string; message: string }[] {
  if (!isKnownEventType(type)) return [{ field: 'type', message: `${type} is not a known event type` }];
  const parsed = eventSchemas[type].safeParse(data);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || type,
      message: issue.message,
    }));
  }
  return unstorableText(data);
}

/**
 * U+0000 and unpaired surrogates: PostgreSQL's jsonb refuses them (and no UTF-8 text can hold a lone
 * surrogate). Free text that the schemas do not clean (names, reasons, references) may carry them; the
 * event is refused with the field instead of failing in the database.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding U+0000 is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_MESSAGE = 'must not contain U+0000 or unpaired surrogates';

function unstorableText(value: unknown, path: readonly string[] = []): { field: string; message: string }[] {
  const field = path.join('.') || '(value)';
  if (typeof value === 'string')
    return UNSTORABLE.test(value) ? [{ field, message: UNSTORABLE_MESSAGE }] : [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => unstorableText(item, [...path, String(index)]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(UNSTORABLE.test(key)
      ? [{ field: [...path, key].join('.'), message: `key ${UNSTORABLE_MESSAGE}` }]
      : []),
    ...unstorableText(item, [...path, key]),
  ]);
}
