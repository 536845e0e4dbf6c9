import type { Generated, Selectable } from 'kysely';

/**
 * An event the read models could not apply. `failed`: applying it threw; `held_back`: a later event
 * of a stream with an open failure, kept back so the stream's events are applied in order on replay.
 * The rows of a stream stay open (resolved_at null) until an operator replay applies them.
 */
export interface ProjectionFailuresTable {
  position: string;
  stream: string;
  event_type: string;
  tenant_id: string | null;
  kind: 'failed' | 'held_back';
  error: string;
  attempts: Generated<number>;
  failed_at: Generated<Date>;
  resolved_at: Date | null;
}
export type ProjectionFailureRow = Selectable<ProjectionFailuresTable>;
