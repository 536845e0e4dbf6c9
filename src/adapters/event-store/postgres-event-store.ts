import { EventEmitter } from 'node:events';
import { type Kysely, sql } from 'kysely';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  Subscription,
} from '../../domain/ports/event-store.js';
import { ConcurrencyError } from '../../domain/shared/errors.js';
import type { Database } from '../db/database.js';
import type { EventRow } from '../db/tables/events.js';
import { pollingSubscription } from './polling-subscription.js';

/**
 * Any constant shared by all writers. Appends take this transaction-scoped advisory lock before
 * drawing positions from the sequence, so positions commit in the order they are assigned and a
 * reader that has seen position N will never later see a smaller one appear (the classic
 * "sequence gap becomes visible late" trap of naive `position > checkpoint` subscriptions).
 */
const APPEND_LOCK_KEY = 7_310_442_001;

/** Event store on PostgreSQL or PGlite through kysely. */
export class PostgresEventStore implements EventStore {
  private readonly appended = new EventEmitter();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: { readonly pollIntervalMs?: number } = {},
  ) {
    this.appended.setMaxListeners(0);
  }

  async append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const result = await this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${APPEND_LOCK_KEY})`.execute(trx);
      const replayed = await findRetriedAppend(trx, stream, events);
      if (replayed !== undefined) return replayed;

      const last = await trx
        .selectFrom('events')
        .select(sql<string>`revision::text`.as('revision'))
        .where('stream', '=', stream)
        .orderBy('events.revision', 'desc')
        .limit(1)
        .executeTakeFirst();
      const current = last === undefined ? undefined : BigInt(last.revision);
      assertExpected(stream, expected, current);

      const first = current === undefined ? 0n : current + 1n;
      const rows = await trx
        .insertInto('events')
        .values(
          events.map((event, index) => ({
            event_id: event.id,
            stream,
            revision: String(first + BigInt(index)),
            type: event.type,
            data: sql`${JSON.stringify(event.data)}::jsonb`,
            metadata: sql`${JSON.stringify(event.metadata ?? {})}::jsonb`,
          })),
        )
        .returning(sql<string>`position::text`.as('position'))
        .execute();
      return {
        nextExpectedRevision: first + BigInt(events.length - 1),
        position: BigInt(rows.at(-1)!.position),
      };
    });
    this.appended.emit('append');
    return result;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = await selectEvents(this.db)
      .where('stream', '=', stream)
      .where('events.revision', '>=', String(options.fromRevision ?? 0n))
      .orderBy('events.revision')
      .execute();
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const rows = await selectEvents(this.db)
      .where('events.position', '>', String(options.after ?? 0n))
      .orderBy('events.position')
      .limit(options.limit ?? 500)
      .execute();
    return rows.map(toRecorded);
  }

  subscribeAll(options: SubscribeAllOptions): Subscription {
    return pollingSubscription({
      readPage: (after) => this.readAll({ after, limit: 500 }),
      after: options.after,
      onEvent: options.onEvent,
      onError: options.onError,
      pollIntervalMs: this.options.pollIntervalMs ?? 200,
      wakeUp: this.appended,
    });
  }

  async close(): Promise<void> {
    this.appended.removeAllListeners();
  }
}

function selectEvents(db: Kysely<Database>) {
  return db
    .selectFrom('events')
    .select([
      sql<string>`position::text`.as('position'),
      sql<string>`event_id::text`.as('event_id'),
      'stream',
      sql<string>`revision::text`.as('revision'),
      'type',
      'data',
      'metadata',
      'recorded_at',
    ]);
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    stream: row.stream,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    type: row.type,
    data: row.data,
    metadata: (row.metadata ?? {}) as Record<string, unknown>,
    recordedAt: new Date(row.recorded_at),
  };
}

/** A retry of an append that already landed: same ids, same stream, consecutive → return the original result. */
async function findRetriedAppend(
  db: Kysely<Database>,
  stream: string,
  events: readonly EventToAppend[],
): Promise<AppendResult | undefined> {
  const stored = await selectEvents(db)
    .where(
      'event_id',
      'in',
      events.map((e) => e.id),
    )
    .orderBy('events.position')
    .execute();
  if (stored.length === 0) return undefined;
  const sameAppend =
    stored.length === events.length &&
    stored.every((row, index) => row.stream === stream && row.event_id === events[index]!.id);
  if (!sameAppend) {
    throw new ConcurrencyError(
      stream,
      'events not yet stored',
      `event ${stored[0]!.event_id} already stored`,
    );
  }
  const last = stored.at(-1)!;
  return { nextExpectedRevision: BigInt(last.revision), position: BigInt(last.position) };
}

function assertExpected(stream: string, expected: ExpectedRevision, current: bigint | undefined): void {
  const actual = current === undefined ? 'no_stream' : String(current);
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'stream_exists' && current !== undefined) ||
    (typeof expected === 'bigint' && current === expected);
  if (!ok) throw new ConcurrencyError(stream, String(expected), actual);
}
