import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/adapters/db/connect.js';
import type { Database } from '../../src/adapters/db/database.js';
import { PostgresEventStore } from '../../src/adapters/event-store/postgres-event-store.js';
import { orderStream } from '../../src/domain/streams.js';
import { ordersProjection } from '../../src/projections/orders/orders-projection.js';
import type { Projection } from '../../src/projections/projection.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { appendEvent, buildOrder, openPostgres, TENANT, type TestBackend } from './support.js';

/** Records every applied position in a table without a conflict clause: a second apply would fail. */
const exactlyOnce: Projection = {
  name: 'exactly-once',
  tables: [],
  async apply(trx, _event, recorded) {
    await sql`insert into applied_events (position) values (${String(recorded.position)})`.execute(trx);
  },
};

describe('two runners (two worker processes) on the PostgreSQL server', () => {
  let backend: TestBackend;
  let secondDb: Kysely<Database>;
  beforeAll(async () => {
    backend = await openPostgres();
    secondDb = await connectDatabase({ kind: 'postgres', url: backend.url! });
    await sql`create table applied_events (position bigint primary key)`.execute(backend.db);
  });
  afterAll(async () => {
    await secondDb?.destroy();
    await backend?.dispose();
  });

  it('apply every event exactly once', async () => {
    const errors: unknown[] = [];
    const projections = [ordersProjection, exactlyOnce];
    const [first, second] = [backend.db, secondDb].map(
      (db) =>
        new ProjectionRunner({
          db,
          eventStore: new PostgresEventStore(db),
          projections,
          batchSize: 3,
          pollIntervalMs: 5,
          onError: (e) => errors.push(e),
        }),
    ) as [ProjectionRunner, ProjectionRunner];
    first.start();
    second.start();

    const count = 60;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        appendEvent(backend.store, orderStream(TENANT, `o${i}`), 'OrderReceived', {
          tenantId: TENANT,
          orderId: `o${i}`,
          order: buildOrder(`ext-${i}`, { name: `Klant ${i}` }),
          receivedAt: '2026-01-06T09:00:00.000Z',
        }),
      ),
    );
    const last = (await backend.store.readAll({ limit: count + 1 })).at(-1)!.position;
    await Promise.all([first.waitForPosition(last, 20_000), second.waitForPosition(last, 20_000)]);
    await Promise.all([first.stop(), second.stop()]);

    expect(errors).toEqual([]);
    const applied = await sql<{ n: string }>`select count(*)::text as n from applied_events`.execute(
      backend.db,
    );
    expect(applied.rows[0]!.n).toBe(String(count));
    const rows = await backend.db.selectFrom('orders').select(['order_id', 'status']).execute();
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['received']));
  });
});
