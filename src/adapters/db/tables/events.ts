import type { Generated, Selectable } from 'kysely';

/** The PostgreSQL event store's single append-only table. */
export interface EventsTable {
  /** Global order; assigned while holding the append lock so it becomes visible in order. */
  position: Generated<string>;
  event_id: string;
  stream: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: unknown;
  recorded_at: Generated<Date>;
}
export type EventRow = Selectable<EventsTable>;
