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
 * never written, so no reader (projection, workflow, export) can be stopped by one.
 */
export function unrecordableFields(type: string, data: unknown): { field: string; message: string }[] {
  if (!isKnownEventType(type)) return [{ field: 'type', message: `${type} is not a known event type` }];
  const parsed = eventSchemas[type].safeParse(data);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || type,
    message: issue.message,
  }));
}
