/**
 * EventStoreDbEventStore "at the wire": the real @eventstore/db-client talks gRPC to an in-memory EventStoreDB
 * (fake-eventstoredb-server.ts). Runs the shared contract against both append paths of the client, plus checks of
 * what went over the wire.
 */
import { randomUUID } from 'node:crypto';
import grpcUuid from '@eventstore/db-client/dist/utils/grpcUUID.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type { ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import { credentials } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStoreDbEventStore } from '../../src/adapters/event-store/eventstoredb-event-store.js';
import type { EventToAppend, ExpectedRevision, RecordedEvent } from '../../src/domain/ports/event-store.js';
import { ConcurrencyError } from '../../src/domain/shared/errors.js';
import { freePort } from '../support/free-port.js';
import { eventStoreContract } from './event-store-contract.js';
import {
  FakeEventStoreDb,
  type FakeEventStoreDbOptions,
  type ReceivedRequest,
} from './fake-eventstoredb-server.js';

const event = (type: string, data: unknown = {}): EventToAppend => ({ id: randomUUID(), type, data });
const uniqueStream = (prefix: string) => `${prefix}-${randomUUID()}`;
const streamOf = (r: ReceivedRequest) => ('stream' in r ? r.stream : 'target' in r ? r.target : undefined);
const json = (bytes: Uint8Array) => JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;

async function start(options: FakeEventStoreDbOptions = {}) {
  const server = await FakeEventStoreDb.start({ port: await freePort(), ...options });
  const store = new EventStoreDbEventStore(server.connectionString);
  const dispose = async () => {
    await store.close();
    await server.close();
  };
  return { server, store, dispose };
}

/** The two append paths of the client: over BatchAppend, or (older servers) over Append. */
const modes: readonly { readonly name: string; readonly options: FakeEventStoreDbOptions }[] = [
  { name: 'Streams.BatchAppend (21.10+)', options: {} },
  {
    name: 'Streams.Append, deduplicated appends without position (older servers)',
    options: { batchAppend: false, positionOnDeduplicatedAppend: false },
  },
];

for (const { name, options } of modes) {
  eventStoreContract(`EventStoreDB over gRPC to a fake server, ${name}`, () => start(options));
}

describe.each(modes)('EventStoreDbEventStore at the wire: $name', ({ options }) => {
  const appendMethod = options.batchAppend === false ? 'Streams.Append' : 'Streams.BatchAppend';
  let subject: Awaited<ReturnType<typeof start>>;
  /** The requests of one method the fake received, optionally only those for one stream (or `$all`). */
  const sent = <M extends ReceivedRequest['method']>(method: M, stream?: string) =>
    subject.server.received.filter(
      (r): r is Extract<ReceivedRequest, { method: M }> =>
        r.method === method && (stream === undefined || streamOf(r) === stream),
    );

  beforeAll(async () => {
    subject = await start({ ...options, now: () => new Date('2025-03-04T05:06:07.089Z') });
  });
  afterAll(async () => subject?.dispose());

  it(`appends over ${appendMethod}: our event ids, types, JSON data and metadata as application/json`, async () => {
    const stream = uniqueStream('invoice');
    const events = [
      { ...event('InvoiceIssued', { number: 'F-2025-0001', total: '121.00' }), metadata: { tenantId: 't1' } },
      event('InvoiceSent'),
    ];
    const result = await subject.store.append(stream, events, 'no_stream');

    const [append] = sent(appendMethod, stream);
    expect(append).toMatchObject({ expected: 'no_stream', outcome: 'written' });
    expect(append!.events.map((e) => [e.id, e.type, e.contentType])).toEqual([
      [events[0]!.id, 'InvoiceIssued', 'application/json'],
      [events[1]!.id, 'InvoiceSent', 'application/json'],
    ]);
    expect(json(append!.events[0]!.data)).toEqual({ number: 'F-2025-0001', total: '121.00' });
    expect(json(append!.events[0]!.customMetadata)).toEqual({ tenantId: 't1' });
    expect(append!.events[1]!.customMetadata).toHaveLength(0);
    // The client asked the server which append method it supports (and only once per connection).
    expect(sent('ServerFeatures.GetSupportedMethods')).toHaveLength(options.batchAppend === false ? 0 : 1);

    const stored = subject.server.all.filter((e) => e.stream === stream);
    expect(result).toEqual({ nextExpectedRevision: 1n, position: stored[1]!.position });
  });

  it('reads what the server returns: ids, revisions, $all positions, data, metadata, created ticks', async () => {
    const stream = uniqueStream('order');
    const upper = randomUUID().toUpperCase();
    await subject.store.append(
      stream,
      [{ id: upper, type: 'Placed', data: { n: 1 }, metadata: { by: 'x' } }],
      'any',
    );
    const [read] = await subject.store.readStream(stream);
    const [stored] = subject.server.all.filter((e) => e.stream === stream);

    expect(read).toEqual<RecordedEvent>({
      id: upper.toLowerCase(),
      stream,
      revision: 0n,
      position: stored!.position,
      type: 'Placed',
      data: { n: 1 },
      metadata: { by: 'x' },
      recordedAt: new Date('2025-03-04T05:06:07.089Z'),
    });
    expect(sent('Streams.Read', stream).at(-1)).toMatchObject({ direction: 'forwards', from: 'start' });
  });

  it('maps the wrong_expected_version reply to ConcurrencyError with the expected and actual revisions', async () => {
    const stream = uniqueStream('series');
    await subject.store.append(stream, [event('A')], 'no_stream');

    const rejected = (expected: ExpectedRevision, on = stream) =>
      subject.store.append(on, [event('B')], expected).then(
        () => expect.unreachable('append succeeded'),
        (error: unknown) => error,
      );

    const noStream = await rejected('no_stream');
    expect(noStream).toBeInstanceOf(ConcurrencyError);
    expect(noStream).toMatchObject({ stream, expected: 'no_stream', actual: '0' });
    expect(await rejected(7n)).toMatchObject({ expected: '7', actual: '0' });
    const missing = await rejected('stream_exists', uniqueStream('missing'));
    expect(missing).toBeInstanceOf(ConcurrencyError);
    expect(missing).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
    expect(sent(appendMethod, stream).map((r) => r.outcome)).toEqual([
      'written',
      'wrong_expected_version',
      'wrong_expected_version',
    ]);
    // Before giving up, the adapter looked whether the rejected events were its own earlier write.
    expect(sent('Streams.Read', stream).at(-1)).toMatchObject({
      direction: 'backwards',
      from: 'end',
      count: 1n,
    });
  });

  it('reads a stream that does not exist as [] (the stream_not_found reply)', async () => {
    const stream = uniqueStream('none');
    expect(await subject.store.readStream(stream)).toEqual([]);
    expect(await subject.store.readStream(stream, { fromRevision: 3n })).toEqual([]);
    expect(sent('Streams.Read', stream).map((r) => r.from)).toEqual(['start', 3n]);
  });

  it('returns the first result for a retry at the same expected revision: the server deduplicates it', async () => {
    const stream = uniqueStream('retry');
    const events = [event('A'), event('B')];
    const first = await subject.store.append(stream, events, 'no_stream');
    const retried = await subject.store.append(stream, events, 'no_stream');

    expect(retried).toEqual(first);
    expect(sent(appendMethod, stream).map((r) => r.outcome)).toEqual(['written', 'deduplicated']);
    expect(subject.server.all.filter((e) => e.stream === stream)).toHaveLength(2);
    // Without a position in the reply, the adapter reads it from the stream (the deduplicated last event).
    const lookups = sent('Streams.Read', stream);
    expect(lookups).toEqual(
      options.positionOnDeduplicatedAppend === false
        ? [expect.objectContaining({ direction: 'forwards', from: 1n, count: 1n })]
        : [],
    );
  });

  it('returns the original result for a retry whose first attempt was stored (stale expected revision)', async () => {
    const stream = uniqueStream('stale');
    await subject.store.append(stream, [event('Opened')], 'no_stream');
    const events = [event('Line'), event('Line')];
    const first = await subject.store.append(stream, events, 0n);
    // The retry still believes the stream is new: the server rejects it, its events are the stream's tail.
    const retried = await subject.store.append(stream, events, 'no_stream');

    expect(retried).toEqual(first);
    expect(sent(appendMethod, stream).map((r) => r.outcome)).toEqual([
      'written',
      'written',
      'wrong_expected_version',
    ]);
    expect(sent('Streams.Read', stream).at(-1)).toMatchObject({
      direction: 'backwards',
      from: 'end',
      count: 2n,
    });
    expect((await subject.store.readStream(stream)).map((e) => e.type)).toEqual(['Opened', 'Line', 'Line']);
  });

  it('still rejects a stale retry when its events are no longer the tail of the stream', async () => {
    const stream = uniqueStream('stale');
    const mine = event('Mine');
    await subject.store.append(stream, [mine], 'no_stream');
    await subject.store.append(stream, [event('Theirs')], 0n);
    await expect(subject.store.append(stream, [mine], 5n)).rejects.toBeInstanceOf(ConcurrencyError);
  });

  // EventStoreDB deduplicates a retry only at the expected revision of the first attempt (IndexWriter.CheckCommit);
  // at `expected == current` it writes without looking at event ids. A retry that reloads the stream first
  // (handleCommand does) and decides the same events again must still get the original result, as the port promises.
  it('recognises a retry whose expected revision already counts its first attempt, and stores nothing twice', async () => {
    const stream = uniqueStream('reloaded');
    const events = [event('A')];
    const first = await subject.store.append(stream, events, 'no_stream');
    const retried = await subject.store.append(stream, events, first.nextExpectedRevision);

    expect(retried).toEqual(first);
    expect(await subject.store.readStream(stream)).toHaveLength(1);
  });

  it('pages readAll past the server’s own events and asks only from positions it was given', async () => {
    const stream = uniqueStream('all');
    const before = await subject.store.append(stream, [event('A')], 'no_stream');
    const earlier = subject.server.received.length;
    for (let i = 0; i < 40; i++) subject.server.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
    await subject.store.append(stream, [event('B')], 0n);

    const page = await subject.store.readAll({ after: before.position, limit: 1 });
    expect(page.map((e) => [e.stream, e.type])).toEqual([[stream, 'B']]);
    const positions = new Set(subject.server.all.map((e) => e.position));
    const reads = subject.server.received
      .slice(earlier)
      .filter((r) => r.method === 'Streams.Read')
      .filter((r) => r.target === '$all');
    // Many small reads: each asks for `limit + 1` events and the system events fill them.
    expect(reads.length).toBeGreaterThan(1);
    for (const read of reads) {
      expect(read).toMatchObject({ target: '$all', direction: 'forwards', subscription: false });
      expect(typeof read.from === 'bigint' && positions.has(read.from)).toBe(true);
    }
  });

  it('subscribes to $all after a position with the excludeSystemEvents filter, then follows live appends', async () => {
    const stream = uniqueStream('sub');
    const from = await subject.store.append(stream, [event('Old')], 'no_stream');
    subject.server.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
    await subject.store.append(stream, [event('CatchUp')], 0n);

    const seen: RecordedEvent[] = [];
    const errors: unknown[] = [];
    const subscription = subject.store.subscribeAll({
      after: from.position,
      onEvent: async (e) => {
        seen.push(e);
      },
      onError: (error) => errors.push(error),
    });
    await expect.poll(() => seen.length).toBe(1);
    subject.server.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
    await subject.store.append(stream, [event('Live')], 1n);
    await expect.poll(() => seen.length).toBe(2);
    await subscription.close();
    expect(errors).toEqual([]);

    expect(seen.map((e) => [e.stream, e.type])).toEqual([
      [stream, 'CatchUp'],
      [stream, 'Live'],
    ]);
    expect(sent('Streams.Read', '$all').at(-1)).toEqual({
      method: 'Streams.Read',
      target: '$all',
      direction: 'forwards',
      from: from.position,
      count: undefined,
      subscription: true,
      filter: { on: 'event_type', regex: '^[^$].*', prefixes: [] },
    });
  });
});

describe('EventStoreDbEventStore without a server', () => {
  it('fails the append instead of hanging or pretending success', async () => {
    const port = await freePort();
    const store = new EventStoreDbEventStore(`esdb://127.0.0.1:${port}?tls=false`);
    try {
      await expect(store.append(uniqueStream('x'), [event('A')], 'any')).rejects.toThrow();
    } finally {
      await store.close();
    }
  });
});

describe('the fake server itself', () => {
  it('sends `structured` UUIDs (the proto default) when asked, as the client decodes them', async () => {
    const { server, store, dispose } = await start();
    const client = new streamsGrpc.StreamsClient(server.address, credentials.createInsecure());
    try {
      const stream = uniqueStream('uuid');
      // Both 64-bit halves have their high bit set: they travel as negative int64s.
      const id = 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6';
      await store.append(stream, [{ id, type: 'A', data: {} }], 'no_stream');
      const { Options } = streamsPb.ReadReq;
      const options = new Options()
        .setStream(
          new Options.StreamOptions()
            .setStreamIdentifier(new sharedPb.StreamIdentifier().setStreamName(Buffer.from(stream)))
            .setStart(new sharedPb.Empty()),
        )
        .setCount('1')
        .setNoFilter(new sharedPb.Empty())
        .setUuidOption(new Options.UUIDOption().setStructured(new sharedPb.Empty()));
      const responses: ReadResp[] = [];
      await new Promise<void>((resolve, reject) =>
        client
          .read(new streamsPb.ReadReq().setOptions(options))
          .on('data', (response: ReadResp) => responses.push(response))
          .on('end', resolve)
          .on('error', reject),
      );

      const uuid = responses[0]?.getEvent()?.getEvent()?.getId();
      expect(uuid?.getStructured()?.getMostSignificantBits()).toMatch(/^-/);
      expect(grpcUuid.parseUUID(uuid)).toBe(id);
    } finally {
      client.close();
      await dispose();
    }
  });
});
