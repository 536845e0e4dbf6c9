import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore, EventToAppend, RecordedEvent } from '../../src/domain/ports/event-store.js';
import { ConcurrencyError } from '../../src/domain/shared/errors.js';

export interface EventStoreUnderTest {
  readonly store: EventStore;
  readonly dispose: () => Promise<void>;
}

const event = (type: string, data: unknown = {}): EventToAppend => ({ id: randomUUID(), type, data });
const uniqueStream = (prefix: string) => `${prefix}-${randomUUID()}`;

async function collect(store: EventStore, streams: ReadonlySet<string>, count: number, after?: bigint) {
  const seen: RecordedEvent[] = [];
  await new Promise<void>((resolve, reject) => {
    const subscription = store.subscribeAll({
      after,
      onEvent: async (e) => {
        if (!streams.has(e.stream)) return;
        seen.push(e);
        if (seen.length === count) void subscription.close().then(resolve);
      },
      onError: reject,
    });
  });
  return seen;
}

/** One behavioural contract for every EventStore adapter (PostgreSQL, PGlite, EventStoreDB). */
export function eventStoreContract(
  name: string,
  open: () => Promise<EventStoreUnderTest>,
  options: { skipReason?: string } = {},
): void {
  const title = `EventStore contract: ${name}${options.skipReason ? ` (skipped: ${options.skipReason})` : ''}`;
  describe.skipIf(options.skipReason !== undefined)(title, () => {
    let subject: EventStoreUnderTest;
    let store: EventStore;
    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });
    afterAll(async () => subject?.dispose());

    it('appends to a new stream and reads the events back in order with revisions 0..n', async () => {
      const stream = uniqueStream('order');
      const events = [event('A', { n: 1 }), event('B', { n: 2, amount: '12.50' }), event('C')];
      const result = await store.append(stream, events, 'no_stream');
      expect(result.nextExpectedRevision).toBe(2n);

      const read = await store.readStream(stream);
      expect(read.map((e) => [e.id, e.type, e.revision])).toEqual([
        [events[0]!.id, 'A', 0n],
        [events[1]!.id, 'B', 1n],
        [events[2]!.id, 'C', 2n],
      ]);
      expect(read[1]!.data).toEqual({ n: 2, amount: '12.50' });
      expect(read[2]!.position).toBe(result.position);
      expect(read[0]!.position < read[1]!.position).toBe(true);
      expect(read[0]!.recordedAt).toBeInstanceOf(Date);
    });

    it('reads an unknown stream as empty and from a revision on', async () => {
      expect(await store.readStream(uniqueStream('none'))).toEqual([]);
      const stream = uniqueStream('series');
      await store.append(stream, [event('A'), event('B'), event('C')], 'no_stream');
      const tail = await store.readStream(stream, { fromRevision: 1n });
      expect(tail.map((e) => e.type)).toEqual(['B', 'C']);
    });

    it('keeps metadata', async () => {
      const stream = uniqueStream('meta');
      await store.append(
        stream,
        [{ ...event('A'), metadata: { causationId: 'cmd-1', tenantId: 't1' } }],
        'no_stream',
      );
      const [read] = await store.readStream(stream);
      expect(read!.metadata).toMatchObject({ causationId: 'cmd-1', tenantId: 't1' });
    });

    it('rejects a wrong expected revision with ConcurrencyError and writes nothing', async () => {
      const stream = uniqueStream('invoice');
      await store.append(stream, [event('A')], 'no_stream');
      await expect(store.append(stream, [event('B')], 'no_stream')).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.append(stream, [event('B')], 5n)).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.append(uniqueStream('x'), [event('B')], 0n)).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      await expect(store.append(uniqueStream('x'), [event('B')], 'stream_exists')).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A']);
      const next = await store.append(stream, [event('B')], 0n);
      expect(next.nextExpectedRevision).toBe(1n);
      await store.append(stream, [event('C')], 'any');
      await store.append(stream, [event('D')], 'stream_exists');
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
    });

    it('treats a retried append with the same event ids as a no-op returning the first result', async () => {
      const stream = uniqueStream('order');
      const events = [event('A'), event('B')];
      const first = await store.append(stream, events, 'no_stream');
      const retried = await store.append(stream, events, 'no_stream');
      expect(retried).toEqual(first);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('lets exactly one of many concurrent writers win each revision of a stream', async () => {
      const stream = uniqueStream('series');
      await store.append(stream, [event('Created')], 'no_stream');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => store.append(stream, [event('Reserved', { i })], 0n)),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(rejected).toHaveLength(9);
      for (const r of rejected) expect(r.reason).toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('reads all events in global order after a position', async () => {
      const stream = uniqueStream('all');
      const before = await store.append(stream, [event('A')], 'no_stream');
      await store.append(stream, [event('B'), event('C')], 0n);
      const page = (await store.readAll({ after: before.position, limit: 10_000 })).filter(
        (e) => e.stream === stream,
      );
      expect(page.map((e) => e.type)).toEqual(['B', 'C']);
      const positions = page.map((e) => e.position);
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    });

    it('subscribes from a position: catches up, then delivers live events in order', async () => {
      const stream = uniqueStream('sub');
      const start = await store.append(stream, [event('Old')], 'no_stream');
      await store.append(stream, [event('CatchUp')], 0n);
      const received = collect(store, new Set([stream]), 3, start.position);
      await store.append(stream, [event('Live1')], 1n);
      await store.append(stream, [event('Live2')], 2n);
      expect((await received).map((e) => e.type)).toEqual(['CatchUp', 'Live1', 'Live2']);
    });

    it('never lets a checkpointing reader skip an event under concurrent writers', async () => {
      const writers = 8;
      const appendsPerWriter = 15;
      const streams = Array.from({ length: writers }, () => uniqueStream('race'));
      const wanted = new Set(streams);
      const total = writers * appendsPerWriter;
      const start = (await store.readAll({ after: 0n, limit: 1 })).length === 0 ? 0n : undefined;

      // A reader that only ever remembers "last position seen" — exactly what projections do.
      const pollingReader = (async () => {
        let after = start;
        const seen: RecordedEvent[] = [];
        const deadline = Date.now() + 60_000;
        while (seen.length < total && Date.now() < deadline) {
          const page = await store.readAll({ after, limit: 50 });
          for (const e of page) {
            if (wanted.has(e.stream)) seen.push(e);
            after = e.position;
          }
        }
        return seen;
      })();
      const subscribed = collect(store, wanted, total, start);

      await Promise.all(
        streams.map(async (stream) => {
          for (let i = 0; i < appendsPerWriter; i++) {
            await store.append(stream, [event('Written', { i })], i === 0 ? 'no_stream' : BigInt(i - 1));
          }
        }),
      );

      for (const seen of [await pollingReader, await subscribed]) {
        expect(seen).toHaveLength(total);
        expect(new Set(seen.map((e) => e.id)).size).toBe(total);
        for (let i = 1; i < seen.length; i++) expect(seen[i]!.position > seen[i - 1]!.position).toBe(true);
        for (const stream of streams) {
          const mine = seen.filter((e) => e.stream === stream).map((e) => (e.data as { i: number }).i);
          expect(mine).toEqual(Array.from({ length: appendsPerWriter }, (_, i) => i));
        }
      }
    });
  });
}
