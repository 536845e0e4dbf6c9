/**
 * An in-memory EventStoreDB that speaks the real gRPC protocol, so EventStoreDbEventStore is tested "at the wire"
 * through the real @eventstore/db-client. Service definitions and messages are the client package's own generated
 * code (generated/*_pb.js, from its protos/streams.proto, serverfeatures.proto, shared.proto and status.proto).
 *
 * What a single-node `esdb://host:port?tls=false` client calls (read in @eventstore/db-client 6.2.1 dist/):
 * - no gossip: one host without `+discover` is connected to directly (Client/index.js resolveUri);
 * - ServerFeatures.GetSupportedMethods, once, before the first append (streams/appendToStream/index.js): when it
 *   lists `streams/batchappend` the client appends over Streams.BatchAppend, otherwise (also on UNIMPLEMENTED, as
 *   with servers before 21.10) over Streams.Append;
 * - Streams.Read for stream reads, $all reads and $all subscriptions.
 *
 * Semantics follow the server source (EventStore/EventStore, Services/Transport/Grpc/Streams.*.cs, and the
 * idempotency rules of IndexWriter.CheckCommit). Not modelled: deletes and tombstones, stream metadata ($maxCount,
 * $tb, ACLs), link events and resolveLinkTos, stream subscriptions, authentication, clusters (not-leader), the
 * committed-event-id cache being a bounded LRU (here it never forgets), back-pressure (`fell_behind`), maximum
 * append size and the BatchAppend deadline.
 */
import { randomUUID } from 'node:crypto';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js';
import featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type { Status } from '@eventstore/db-client/generated/status_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  ReadReq,
  ReadResp,
} from '@eventstore/db-client/generated/streams_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import {
  Metadata,
  Server,
  ServerCredentials,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerWritableStream,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';

// The generated modules are CommonJS: their classes hang off the default export.
const {
  ReadResp: ReadRespMessage,
  AppendResp: AppendRespMessage,
  BatchAppendResp: BatchAppendRespMessage,
} = streamsPb;

/** Positions are byte offsets in the transaction log; offset 0 holds the epoch record, never an event. */
const FIRST_EVENT_POSITION = 128n;
/** Filtered subscriptions checkpoint every `checkpointIntervalMultiplier` × this many scanned events. */
const CHECKPOINT_WINDOW = 32;
/** `created` is .NET ticks (100 ns) since the Unix epoch, as a decimal string. */
const TICKS_PER_MS = 10_000n;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ProposedEvent {
  /** Lower case, as the server's Guid.ToString() returns it. */
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface StoredEvent extends ProposedEvent {
  readonly stream: string;
  readonly revision: bigint;
  /** $all commit position; since EventStoreDB 20 each event is a self-committed record, so prepare == commit. */
  readonly position: bigint;
  readonly created: Date;
}

export type ExpectedOnWire = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface EventFilter {
  readonly on: 'event_type' | 'stream_identifier';
  readonly regex: string;
  readonly prefixes: readonly string[];
}

/** What the fake received, decoded, in arrival order. */
export type ReceivedRequest =
  | { readonly method: 'ServerFeatures.GetSupportedMethods' }
  | {
      readonly method: 'Streams.Append' | 'Streams.BatchAppend';
      readonly stream: string;
      readonly expected: ExpectedOnWire;
      readonly events: readonly ProposedEvent[];
      readonly outcome: 'written' | 'deduplicated' | 'wrong_expected_version';
    }
  | {
      readonly method: 'Streams.Read';
      /** A stream name, or `$all`. */
      readonly target: string;
      readonly direction: 'forwards' | 'backwards';
      /** `start`, `end`, a stream revision or an $all commit position. */
      readonly from: 'start' | 'end' | bigint;
      /** Absent on subscriptions. */
      readonly count?: bigint;
      readonly subscription: boolean;
      readonly filter?: EventFilter;
    };

export interface FakeEventStoreDbOptions {
  /** Listen here; 0 (default) lets the OS pick. */
  readonly port?: number;
  /**
   * Advertise Streams.BatchAppend through ServerFeatures (every server since 21.10 does), so the client appends
   * over it. false: no ServerFeatures service (UNIMPLEMENTED, like 20.x), so the client uses Streams.Append.
   */
  readonly batchAppend?: boolean;
  /** A deduplicated append reports the original write's position (current servers) or `no_position` (older). */
  readonly positionOnDeduplicatedAppend?: boolean;
  /** Clock for the `created` metadata of written events. */
  readonly now?: () => Date;
}

type Decision =
  | { readonly kind: 'write' }
  | { readonly kind: 'deduplicated'; readonly last: StoredEvent }
  | { readonly kind: 'wrong_expected_version'; readonly current: bigint };

type WriteResult =
  | { readonly kind: 'success'; readonly revision: bigint; readonly position?: bigint }
  | { readonly kind: 'wrong_expected_version'; readonly current: bigint };

/** A gRPC error status, with the `exception` trailers the client maps to its typed errors (CommandError.js). */
class WireError extends Error {
  constructor(
    readonly code: status,
    message: string,
    readonly trailers: Record<string, string> = {},
  ) {
    super(message);
  }

  toStatus() {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(this.trailers)) metadata.set(key, value);
    return { code: this.code, details: this.message, metadata };
  }
}

const toStatus = (error: unknown) =>
  error instanceof WireError ? error.toStatus() : { code: status.INTERNAL, details: String(error) };

export class FakeEventStoreDb {
  /** Every request received, decoded: lets tests check that the real client code path ran. */
  readonly received: ReceivedRequest[] = [];
  /** $all, in commit-position order. */
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly liveSubscriptions = new Set<() => void>();
  private nextPosition = FIRST_EVENT_POSITION;
  private boundPort = 0;

  private constructor(
    private readonly server: Server,
    private readonly options: FakeEventStoreDbOptions,
  ) {}

  static async start(options: FakeEventStoreDbOptions = {}): Promise<FakeEventStoreDb> {
    const server = new Server();
    const fake = new FakeEventStoreDb(server, options);
    server.addService(streamsGrpc.StreamsService, {
      read: (call: ServerWritableStream<ReadReq, ReadResp>) => fake.read(call),
      append: (call: ServerReadableStream<AppendReq, AppendResp>, done: sendUnaryData<AppendResp>) =>
        fake.append(call, done),
      batchAppend: (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => fake.batchAppend(call),
    });
    if (options.batchAppend ?? true) {
      server.addService(featuresGrpc.ServerFeaturesService, {
        getSupportedMethods: (_call: unknown, done: sendUnaryData<SupportedMethods>) =>
          done(null, fake.supportedMethods()),
      });
    }
    fake.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${options.port ?? 0}`, ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    // A real $all never starts with user events: stand-ins for the `$` events a fresh node writes itself.
    fake.appendSystemEvent('$users', '$User');
    fake.appendSystemEvent('$settings', '$update-default-acl');
    return fake;
  }

  /** `host:port` for a raw gRPC client. */
  get address(): string {
    return `127.0.0.1:${this.boundPort}`;
  }

  get connectionString(): string {
    return `esdb://${this.address}?tls=false`;
  }

  /** $all as stored, system events included. */
  get all(): readonly StoredEvent[] {
    return this.log;
  }

  /** Writes one of the server's own events (type `$…`), as a node does for stats, users, scavenges… */
  appendSystemEvent(stream: string, type: string): StoredEvent {
    const data = new TextEncoder().encode('{}');
    this.store(stream, [
      { id: randomUUID(), type, contentType: 'application/json', data, customMetadata: new Uint8Array() },
    ]);
    return this.log.at(-1)!;
  }

  async close(): Promise<void> {
    this.liveSubscriptions.clear();
    // Subscriptions and the client's BatchAppend stream never end by themselves: do not wait for them.
    this.server.forceShutdown();
  }

  /** As ServerFeatures.cs: lower-cased service and method names, with the features the server lists. */
  private supportedMethods(): SupportedMethods {
    this.received.push({ method: 'ServerFeatures.GetSupportedMethods' });
    const method = (name: string, features: string[]) =>
      new featuresPb.SupportedMethod()
        .setServiceName('event_store.client.streams.streams')
        .setMethodName(name)
        .setFeaturesList(features);
    return new featuresPb.SupportedMethods()
      .setEventStoreServerVersion('24.10.0')
      .setMethodsList([
        method('read', ['position', 'events']),
        method('append', []),
        method('batchappend', ['deadline_duration']),
      ]);
  }

  /** Streams.Append, client streaming: one AppendReq with `options`, then one per `proposed_message`. */
  private append(call: ServerReadableStream<AppendReq, AppendResp>, done: sendUnaryData<AppendResp>): void {
    const requests: AppendReq[] = [];
    call.on('data', (request: AppendReq) => requests.push(request));
    call.on('end', () => {
      try {
        const [header, ...rest] = requests;
        const options = header?.getOptions();
        if (!options || rest.some((r) => !r.hasProposedMessage())) {
          throw new WireError(status.INVALID_ARGUMENT, 'Expected options, then proposed messages');
        }
        const expected = options.hasRevision() ? BigInt(options.getRevision()) : namedExpected(options);
        const events = rest.map((r) => proposedEvent(r.getProposedMessage()!));
        const result = this.write(
          'Streams.Append',
          streamName(options.getStreamIdentifier()),
          expected,
          events,
        );

        const response = new AppendRespMessage();
        if (result.kind === 'success') {
          const success = new AppendRespMessage.Success();
          if (result.revision < 0n) success.setNoStream(new sharedPb.Empty());
          else success.setCurrentRevision(String(result.revision));
          if (result.position === undefined) success.setNoPosition(new sharedPb.Empty());
          else {
            const position = String(result.position);
            success.setPosition(
              new AppendRespMessage.Position().setCommitPosition(position).setPreparePosition(position),
            );
          }
          response.setSuccess(success);
        } else {
          // The `wrong_expected_version` result (fields 6–11; the server also fills the *_20_6_0 twins for
          // 20.6.0 clients, which this client does not read). A result, not a gRPC error.
          const wrong = new AppendRespMessage.WrongExpectedVersion();
          if (result.current < 0n) wrong.setCurrentNoStream(new sharedPb.Empty());
          else wrong.setCurrentRevision(String(result.current));
          if (expected === 'any') wrong.setExpectedAny(new sharedPb.Empty());
          else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
          else if (expected === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
          else wrong.setExpectedRevision(String(expected));
          response.setWrongExpectedVersion(wrong);
        }
        done(null, response);
      } catch (error) {
        done(toStatus(error));
      }
    });
  }

  /**
   * Streams.BatchAppend, bidirectional: the client keeps one call open and multiplexes its appends over it by
   * `correlation_id`. An append's first request carries `options`, its last `is_final`; each gets one response.
   */
  private batchAppend(call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    const pending = new Map<string, { stream: string; expected: ExpectedOnWire; events: ProposedEvent[] }>();
    call.on('end', () => call.end());
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      const key = correlationId ? Buffer.from(correlationId.serializeBinary()).toString('hex') : '';
      const response = new BatchAppendRespMessage();
      if (correlationId) response.setCorrelationId(correlationId);
      try {
        const options = request.getOptions();
        if (options) {
          pending.set(key, {
            stream: streamName(options.getStreamIdentifier()),
            expected: options.hasStreamPosition()
              ? BigInt(options.getStreamPosition())
              : namedExpected(options),
            events: [],
          });
        }
        const append = pending.get(key);
        if (!append) return;
        response.setStreamIdentifier(streamIdentifier(append.stream));
        append.events.push(...request.getProposedMessagesList().map(proposedEvent));
        if (!request.getIsFinal()) return;
        pending.delete(key);

        const result = this.write('Streams.BatchAppend', append.stream, append.expected, append.events);
        if (result.kind === 'success') {
          const success = new BatchAppendRespMessage.Success();
          if (result.revision < 0n) success.setNoStream(new emptyPb.Empty());
          else success.setCurrentRevision(String(result.revision));
          if (result.position === undefined) success.setNoPosition(new emptyPb.Empty());
          else {
            const position = String(result.position);
            success.setPosition(
              new sharedPb.AllStreamPosition().setCommitPosition(position).setPreparePosition(position),
            );
          }
          response.setSuccess(success);
        } else {
          // Status.WrongExpectedVersion (Grpc/Status.cs): a google.rpc.Status ALREADY_EXISTS whose `details` Any
          // packs an event_store.client.WrongExpectedVersion (shared.proto).
          const details = new sharedPb.WrongExpectedVersion();
          if (result.current < 0n) details.setCurrentNoStream(new emptyPb.Empty());
          else details.setCurrentStreamRevision(String(result.current));
          if (append.expected === 'any') details.setExpectedAny(new emptyPb.Empty());
          else if (append.expected === 'stream_exists') details.setExpectedStreamExists(new emptyPb.Empty());
          else if (append.expected === 'no_stream') details.setExpectedNoStream(new emptyPb.Empty());
          else details.setExpectedStreamPosition(String(append.expected));
          response.setError(
            rpcStatus(status.ALREADY_EXISTS, 'WrongExpectedVersion', details, 'WrongExpectedVersion'),
          );
        }
      } catch (error) {
        // Status.BadRequest: INVALID_ARGUMENT with an event_store.client.BadRequest detail.
        pending.delete(key);
        const details = new sharedPb.BadRequest().setMessage(
          error instanceof Error ? error.message : String(error),
        );
        response.setError(rpcStatus(status.INVALID_ARGUMENT, 'BadRequest', details, 'BadRequest'));
      }
      call.write(response);
    });
  }

  private write(
    method: 'Streams.Append' | 'Streams.BatchAppend',
    stream: string,
    expected: ExpectedOnWire,
    events: readonly ProposedEvent[],
  ): WriteResult {
    const decision = this.checkCommit(stream, expected, events);
    const outcome = decision.kind === 'write' ? 'written' : decision.kind;
    this.received.push({ method, stream, expected, events, outcome });
    switch (decision.kind) {
      case 'write': {
        this.store(stream, events);
        const last = this.streams.get(stream)?.at(-1);
        // WriteEventsCompleted: commit == prepare == the log position of the last event written.
        const position = events.length > 0 ? last?.position : undefined;
        return { kind: 'success', revision: last?.revision ?? -1n, position };
      }
      case 'deduplicated': {
        // Answered with the original write's last event. Older servers reply -1 here, i.e. `no_position`.
        const { revision, position } = decision.last;
        const withPosition = this.options.positionOnDeduplicatedAppend ?? true;
        return { kind: 'success', revision, position: withPosition ? position : undefined };
      }
      case 'wrong_expected_version':
        return decision;
    }
  }

  /** IndexWriter.CheckCommit: write, reject, or recognise a retry of an earlier write. */
  private checkCommit(stream: string, expected: ExpectedOnWire, events: readonly ProposedEvent[]): Decision {
    const existing = this.streams.get(stream) ?? [];
    const current = BigInt(existing.length) - 1n; // -1: no such stream
    const wrong = { kind: 'wrong_expected_version', current } as const;
    const ids = events.map((e) => e.id);
    if (expected === 'stream_exists' && current < 0n) return wrong;
    if (expected === 'any' || expected === 'stream_exists') {
      // Deduplicated by id alone: all ids were written to this stream before, wherever in it. Only some of them
      // ("corrupted idempotency") is answered as a wrong expected version.
      const found = ids.map((id) => existing.find((e) => e.id === id));
      if (found[0] === undefined) return { kind: 'write' };
      return found.every((e) => e !== undefined) ? { kind: 'deduplicated', last: found.at(-1)! } : wrong;
    }
    const expectedRevision = expected === 'no_stream' ? -1n : expected;
    if (expectedRevision < current) {
      // Deduplicated by position: the events right after `expected` must be exactly these ids, in order.
      const start = Number(expectedRevision + 1n);
      const same = ids.length > 0 && ids.every((id, i) => existing[start + i]?.id === id);
      return same ? { kind: 'deduplicated', last: existing[start + ids.length - 1]! } : wrong;
    }
    return expectedRevision === current ? { kind: 'write' } : wrong;
  }

  private store(stream: string, events: readonly ProposedEvent[]): void {
    const existing = this.streams.get(stream) ?? [];
    const created = this.options.now?.() ?? new Date();
    for (const event of events) {
      const stored = {
        ...event,
        stream,
        revision: BigInt(existing.length),
        position: this.nextPosition,
        created,
      };
      existing.push(stored);
      this.log.push(stored);
      // The next record starts after this one: positions grow by record sizes, they are not consecutive.
      this.nextPosition += BigInt(64 + stream.length + event.type.length + event.data.length);
    }
    if (existing.length > 0) this.streams.set(stream, existing);
    for (const pump of [...this.liveSubscriptions]) pump();
  }

  /** Streams.Read, server streaming: stream reads, $all reads and $all subscriptions. */
  private read(call: ServerWritableStream<ReadReq, ReadResp>): void {
    try {
      const options = call.request.getOptions();
      if (!options) throw new WireError(status.INVALID_ARGUMENT, 'options not set');
      const direction = options.getReadDirection() === 1 ? 'backwards' : 'forwards'; // ReadDirection.Backwards = 1
      const count = options.hasCount() ? BigInt(options.getCount()) : undefined;
      const subscription = options.hasSubscription();
      // The client asks for `string` UUIDs; `structured` (deprecated) is the server's default.
      const structuredIds = !options.getUuidOption()?.hasString();
      const stream = options.getStream();
      const all = options.getAll();

      if (stream) {
        const name = streamName(stream.getStreamIdentifier());
        const from = stream.hasRevision() ? BigInt(stream.getRevision()) : stream.hasEnd() ? 'end' : 'start';
        this.received.push({ method: 'Streams.Read', target: name, direction, from, count, subscription });
        if (subscription) throw new WireError(status.UNIMPLEMENTED, 'Stream subscriptions are not modelled');
        const events = this.streams.get(name);
        if (!events) {
          // A missing stream is a `stream_not_found` message, then a normal end of the call.
          const notFound = new ReadRespMessage.StreamNotFound().setStreamIdentifier(streamIdentifier(name));
          call.write(new ReadRespMessage().setStreamNotFound(notFound));
          call.end();
          return;
        }
        const index = from === 'start' ? 0 : from === 'end' ? events.length - 1 : Number(from);
        const selected =
          direction === 'forwards'
            ? events.slice(from === 'end' ? events.length : index)
            : // Backwards from a revision past the end starts at the last event.
              events.slice(0, Math.min(index, events.length - 1) + 1).reverse();
        for (const event of take(selected, count)) call.write(readResp(event, structuredIds, false));
        call.end();
        return;
      }

      if (!all) throw new WireError(status.INVALID_ARGUMENT, 'stream_option not set');
      const position = all.getPosition();
      const from = position ? BigInt(position.getCommitPosition()) : all.hasEnd() ? 'end' : 'start';
      const filter = eventFilter(options);
      this.received.push({
        method: 'Streams.Read',
        target: '$all',
        direction,
        from,
        count,
        subscription,
        filter,
      });
      if (typeof from === 'bigint') this.assertRecordBoundary(from);
      const matches = (event: StoredEvent) => !filter || filterMatches(filter, event);

      if (subscription) {
        // A subscription starts strictly after its position (AllSubscription: that event was seen already).
        const start = typeof from === 'bigint' ? this.log.findIndex((e) => e.position > from) : -1;
        const cursor = from === 'start' ? 0 : start < 0 ? this.log.length : start;
        this.subscribe(
          call,
          cursor,
          matches,
          structuredIds,
          options.getFilter()?.getCheckpointintervalmultiplier(),
        );
        return;
      }
      // Forwards from a position includes the event at it; backwards returns the events before it.
      const selected =
        direction === 'forwards'
          ? this.log.filter((e) => from === 'start' || (from !== 'end' && e.position >= from))
          : this.log.filter((e) => from === 'end' || (from !== 'start' && e.position < from)).reverse();
      for (const event of take(selected.filter(matches), count))
        call.write(readResp(event, structuredIds, true));
      call.end();
    } catch (error) {
      call.emit('error', toStatus(error));
    }
  }

  /**
   * Sends `confirmation`, the events from `cursor` on, a `checkpoint` and `caught_up`, then live events as they are
   * written, until the client cancels. One cursor over $all makes the catch-up → live hand-over gap-free and ordered.
   */
  private subscribe(
    call: ServerWritableStream<ReadReq, ReadResp>,
    cursor: number,
    matches: (event: StoredEvent) => boolean,
    structuredIds: boolean,
    checkpointIntervalMultiplier: number | undefined,
  ): void {
    let next = cursor;
    let scanned = 0;
    let caughtUp = false;
    const checkpoint = (position: bigint) => {
      const at = String(position);
      call.write(
        new ReadRespMessage().setCheckpoint(
          new ReadRespMessage.Checkpoint().setCommitPosition(at).setPreparePosition(at),
        ),
      );
    };
    const pump = () => {
      if (call.cancelled) return;
      for (; next < this.log.length; next++) {
        const event = this.log[next]!;
        if (matches(event)) call.write(readResp(event, structuredIds, true));
        // Filtered subscriptions report progress also through events the filter skipped.
        if (
          checkpointIntervalMultiplier &&
          ++scanned % (checkpointIntervalMultiplier * CHECKPOINT_WINDOW) === 0
        ) {
          checkpoint(event.position);
        }
      }
      if (!caughtUp) {
        caughtUp = true;
        checkpoint(this.log[next - 1]?.position ?? 0n);
        call.write(new ReadRespMessage().setCaughtUp(new ReadRespMessage.CaughtUp()));
      }
    };
    call.on('cancelled', () => this.liveSubscriptions.delete(pump));
    const confirmation = new ReadRespMessage.SubscriptionConfirmation().setSubscriptionId(randomUUID());
    call.write(new ReadRespMessage().setConfirmation(confirmation));
    pump();
    this.liveSubscriptions.add(pump);
  }

  /** $all reads and subscriptions start at a record boundary: 0, an event's position or the end of the log. */
  private assertRecordBoundary(position: bigint): void {
    if (position === 0n || position === this.nextPosition || this.log.some((e) => e.position === position))
      return;
    throw new WireError(status.INVALID_ARGUMENT, `Invalid position ${position}: not a record boundary`);
  }
}

/** The named cases of `expected_stream_revision` (AppendReq) / `expected_stream_position` (BatchAppendReq). */
function namedExpected(options: { hasNoStream(): boolean; hasAny(): boolean; hasStreamExists(): boolean }) {
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasAny()) return 'any';
  if (options.hasStreamExists()) return 'stream_exists';
  throw new WireError(status.INVALID_ARGUMENT, 'expected revision not set');
}

function take<T>(items: readonly T[], count: bigint | undefined): readonly T[] {
  return count === undefined || count >= BigInt(items.length) ? items : items.slice(0, Number(count));
}

function streamName(identifier: StreamIdentifier | undefined): string {
  if (!identifier) throw new WireError(status.INVALID_ARGUMENT, 'stream_identifier not set');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

function streamIdentifier(name: string): StreamIdentifier {
  return new sharedPb.StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

/** AppendReq.ProposedMessage and BatchAppendReq.ProposedMessage have the same fields. */
function proposedEvent(message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  for (const required of ['type', 'content-type']) {
    if (!metadata.has(required)) {
      throw new WireError(status.INVALID_ARGUMENT, `Required metadata property missing: ${required}`, {
        exception: 'missing-required-metadata-property',
        'required-metadata-properties': required,
      });
    }
  }
  const id = message.getId();
  if (!id) throw new WireError(status.INVALID_ARGUMENT, 'id not set');
  return {
    id: uuidString(id),
    type: metadata.get('type')!,
    contentType: metadata.get('content-type')!,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

/** shared.proto UUID: `string`, or `structured` as the two big-endian int64 halves of its 16 bytes. */
function uuidString(uuid: UUID): string {
  const structured = uuid.getStructured();
  if (structured) {
    const hex = [structured.getMostSignificantBits(), structured.getLeastSignificantBits()]
      .map((half) => BigInt.asUintN(64, BigInt(half)).toString(16).padStart(16, '0'))
      .join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const text = uuid.getString();
  if (!UUID_PATTERN.test(text)) throw new WireError(status.INVALID_ARGUMENT, `Invalid UUID "${text}"`);
  return text.toLowerCase();
}

function uuidMessage(id: string, structured: boolean): UUID {
  if (!structured) return new sharedPb.UUID().setString(id);
  const hex = id.replaceAll('-', '');
  const half = (digits: string) => BigInt.asIntN(64, BigInt(`0x${digits}`)).toString();
  const halves = new sharedPb.UUID.Structured()
    .setMostSignificantBits(half(hex.slice(0, 16)))
    .setLeastSignificantBits(half(hex.slice(16)));
  return new sharedPb.UUID().setStructured(halves);
}

function readResp(event: StoredEvent, structuredIds: boolean, fromAll: boolean): ReadResp {
  const recorded = new ReadRespMessage.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id, structuredIds))
    .setStreamIdentifier(streamIdentifier(event.stream))
    .setStreamRevision(String(event.revision))
    .setCommitPosition(String(event.position))
    .setPreparePosition(String(event.position))
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', String(BigInt(event.created.getTime()) * TICKS_PER_MS));
  const readEvent = new ReadRespMessage.ReadEvent().setEvent(recorded);
  // ReadEvent's `position` oneof: the $all commit position on $all reads, `no_position` on stream reads.
  if (fromAll) readEvent.setCommitPosition(String(event.position));
  else readEvent.setNoPosition(new sharedPb.Empty());
  return new ReadRespMessage().setEvent(readEvent);
}

function eventFilter(options: ReadReq.Options): EventFilter | undefined {
  const filter = options.getFilter();
  const expression = filter?.getEventType() ?? filter?.getStreamIdentifier();
  if (!filter || !expression) return undefined;
  const on = filter.hasEventType() ? 'event_type' : 'stream_identifier';
  return { on, regex: expression.getRegex(), prefixes: expression.getPrefixList() };
}

/** FilterOptions.Expression: its regex when set (.NET Regex.IsMatch, unanchored), else any of its prefixes. */
function filterMatches(filter: EventFilter, event: StoredEvent): boolean {
  const subject = filter.on === 'event_type' ? event.type : event.stream;
  return filter.regex
    ? new RegExp(filter.regex).test(subject)
    : filter.prefixes.some((p) => subject.startsWith(p));
}

/** A google.rpc.Status whose `details` Any packs an event_store.client.<name> message. */
function rpcStatus(
  code: status,
  message: string,
  details: { serializeBinary(): Uint8Array },
  name: string,
): Status {
  const any = new anyPb.Any();
  any.pack(details.serializeBinary(), `event_store.client.${name}`);
  return new statusPb.Status().setCode(Number(code)).setMessage(message).setDetails(any);
}
