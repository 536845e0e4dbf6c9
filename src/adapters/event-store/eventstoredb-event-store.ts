/**
 * EventStore port on EventStoreDB (gRPC client v6). Our global `position` is the $all commit position: since
 * EventStoreDB 20 every event is its own self-committing log record, so commit positions are unique per event
 * and strictly increasing in $all order.
 */
import {
  ANY,
  type AppendExpectedRevision,
  BACKWARDS,
  END,
  type RecordedEvent as EsdbRecordedEvent,
  EventStoreDBClient,
  excludeSystemEvents,
  type JSONType,
  jsonEvent,
  NO_STREAM,
  type ReadPosition,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
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

/** Servers before 22.6 report no position (or 2^64-1) on stream reads; only $all reads always carry it. */
const NO_POSITION = 2n ** 64n - 1n;
const PAGE_SIZE = 1000;

export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    // The server deduplicates a retry only at the expected revision of its first attempt. A retry that
    // reloaded the stream first expects a revision that already counts those events and would store them
    // twice: look at the stream's tail before such an append (one read, EventStoreDB only).
    if (typeof expected === 'bigint') {
      const original = await this.originalAppend(stream, events);
      if (original) return original;
    }
    try {
      const data = events.map(({ id, type, data, metadata }) =>
        jsonEvent({ id, type, data: data as JSONType, metadata }),
      );
      const result = await this.client.appendToStream(stream, data, {
        expectedRevision: toEsdbRevision(expected),
      });
      const revision = result.nextExpectedRevision;
      // A retry the server deduplicates by event id succeeds without a position: look it up instead.
      const position = result.position?.commit ?? (await this.positionOf(stream, revision));
      return { nextExpectedRevision: revision, position };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // A retry whose events are stored but whose `expected` is older than the first attempt's (so the server
      // neither deduplicates nor appends it) lands here: answer the original append rather than a conflict.
      const original = await this.originalAppend(stream, events);
      if (original) return original;
      throw new ConcurrencyError(stream, String(expected), String(error.actualVersion));
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.collect(this.client.readStream(stream, { fromRevision: options.fromRevision ?? START }));
  }

  async readAll({ after, limit = Number.POSITIVE_INFINITY }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const page: RecordedEvent[] = [];
    let cursor = after;
    // $all cannot be filtered server-side on a plain read, so page until `limit` user events or the end of $all:
    // a short page caused by skipped system events must not look like "caught up" to the caller.
    while (page.length < limit) {
      // Reads from a position include the event at it (`after` is exclusive for us), hence the +1.
      const maxCount = Math.min(limit - page.length, PAGE_SIZE) + 1;
      const from = cursor;
      let received = 0;
      for await (const { event } of this.client.readAll({ fromPosition: at(from), maxCount })) {
        received++;
        if (!event) continue;
        cursor = event.position.commit;
        if ((from !== undefined && cursor <= from) || isSystem(event.type) || page.length >= limit) continue;
        page.push(toRecorded(event, cursor));
      }
      if (received < maxCount) break;
    }
    return page;
  }

  subscribeAll({ after, onEvent, onError = reportUnhandled }: SubscribeAllOptions): Subscription {
    // Subscriptions start strictly after `fromPosition`, which matches our exclusive `after`.
    const subscription = this.client.subscribeToAll({
      fromPosition: at(after),
      filter: excludeSystemEvents(),
    });
    // unsubscribe() rejects when the connection never came up; stopping must not fail (or go unhandled) for that.
    const stop = () => subscription.unsubscribe().catch(() => undefined);
    let closed = false;
    const done = (async () => {
      try {
        // for-await pulls the next event only after the handler settled: sequential, in $all order.
        for await (const { event } of subscription) {
          if (closed) break;
          const skip =
            !event || isSystem(event.type) || (after !== undefined && event.position.commit <= after);
          if (!skip) await onEvent(toRecorded(event, event.position.commit));
        }
      } catch (error) {
        // Ending the stream on close surfaces as a premature-close error; that is not a failure.
        if (!closed) onError(error);
      } finally {
        await stop();
      }
    })();
    return {
      // Resolves once an in-flight onEvent has finished, so callers can safely release what handlers use.
      // Do not await it from inside onEvent: that would wait for itself.
      async close() {
        closed = true;
        await stop();
        subscription.destroy();
        await done;
      },
    };
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async positionOf(stream: string, revision: bigint): Promise<bigint> {
    const [event] = await this.collect(
      this.client.readStream(stream, { fromRevision: revision, maxCount: 1 }),
    );
    if (!event || event.position < 0n) throw new Error(`No $all position known for ${stream}@${revision}`);
    return event.position;
  }

  /** The result of an earlier append of exactly these events, if they are the last events of the stream. */
  private async originalAppend(
    stream: string,
    events: readonly EventToAppend[],
  ): Promise<AppendResult | undefined> {
    if (events.length === 0) return undefined;
    const read = this.client.readStream(stream, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: events.length,
    });
    const tail = (await this.collect(read)).reverse();
    const same = tail.length === events.length && tail.every((e, i) => sameId(e.id, events[i]?.id));
    const last = tail.at(-1);
    if (!same || !last || last.position < 0n) return undefined;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  private async collect(read: AsyncIterable<{ event?: EsdbRecordedEvent }>): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of read) {
        if (event) events.push(toRecorded(event, event.position?.commit));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }
}

function toEsdbRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

function at(position: bigint | undefined): ReadPosition {
  // Our positions are commit positions of self-committed records, where prepare == commit.
  return position === undefined ? START : { commit: position, prepare: position };
}

function toRecorded(event: EsdbRecordedEvent, commit: bigint | undefined): RecordedEvent {
  const metadata = event.metadata;
  const isObject = typeof metadata === 'object' && metadata !== null;
  return {
    id: event.id,
    stream: event.streamId,
    revision: event.revision,
    // -1n marks "unknown" (old servers on stream reads) rather than inventing a position.
    position: commit === undefined || commit === NO_POSITION ? -1n : commit,
    type: event.type,
    data: event.data,
    metadata: isObject && !Array.isArray(metadata) && !(metadata instanceof Uint8Array) ? metadata : {},
    recordedAt: event.created,
  };
}

function isSystem(type: string): boolean {
  return type.startsWith('$');
}

/** The server returns UUIDs lower-case; callers may not. */
function sameId(a: string, b: string | undefined): boolean {
  return b !== undefined && a.toLowerCase() === b.toLowerCase();
}

function reportUnhandled(error: unknown): void {
  console.error('EventStoreDB subscription stopped', error);
}
