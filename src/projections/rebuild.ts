import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../adapters/db/database.js';
import type { EventStore } from '../domain/ports/event-store.js';
import { writeCheckpoint } from './checkpoint.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './runner.js';

/**
 * Empties the projections' tables and replays every event. Returns the checkpoint reached.
 * Readers see the tables fill up again during the replay (api_keys included): run it when that is acceptable.
 */
export async function rebuildReadModels(
  db: Kysely<Database>,
  eventStore: EventStore,
  projections: readonly Projection[],
): Promise<bigint> {
  const tables = [...new Set(projections.flatMap((p) => p.tables))];
  if (tables.includes('events')) throw new Error('A projection may not own the event store table');
  await db.transaction().execute(async (trx) => {
    for (const table of tables) await trx.deleteFrom(table).execute();
    // Failures are a fact about applying events: the replay finds again whatever still fails.
    await trx.deleteFrom('projection_failures').execute();
    // Reset rather than delete the checkpoint: a live runner elsewhere then sees it move, drops its
    // in-flight batch and simply helps with the replay.
    await writeCheckpoint(trx, 0n);
  });
  return new ProjectionRunner({ db, eventStore, projections }).runUntilCaughtUp();
}

export interface ReadModelSnapshot {
  /** Per table, its rows in primary-key order, each as JSON with every value as text. */
  readonly tables: Readonly<Record<string, readonly string[]>>;
  readonly sha256: string;
}

/** A deterministic picture of read-model tables, for "rebuilt equals live" comparisons. */
export async function readModelSnapshot(
  db: Kysely<Database>,
  tables: readonly (keyof Database)[],
): Promise<ReadModelSnapshot> {
  const snapshot: Record<string, string[]> = {};
  for (const table of [...tables].sort()) {
    const key = await primaryKey(db, table);
    // Values as text (jsonb keeps numeric scale, e.g. 24.90) so pg and PGlite give the same picture.
    const rows = await sql<{ row: string }>`
      select (select jsonb_object_agg(key, value #>> '{}') from jsonb_each(to_jsonb(t)))::text as row
      from ${sql.table(table)} as t
      order by ${sql.join(key.map((column) => sql.ref(`t.${column}`)))}`.execute(db);
    snapshot[table] = rows.rows.map((r) => r.row);
  }
  const sha256 = createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');
  return { tables: snapshot, sha256 };
}

async function primaryKey(db: Kysely<Database>, table: string): Promise<string[]> {
  const { rows } = await sql<{ column: string }>`
    select a.attname as column
    from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = ${table}::regclass and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
  if (rows.length === 0) throw new Error(`Table ${table} has no primary key`);
  return rows.map((r) => r.column);
}
