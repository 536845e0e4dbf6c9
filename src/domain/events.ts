import type { z } from 'zod';
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
