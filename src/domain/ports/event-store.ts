/**
 * The event store port. Streams are append-only; every event also gets a global position so
 * projections can follow all events in one order. Adapters: PostgreSQL/PGlite (kysely) and EventStoreDB.
 */

/** What the writer knows about the stream before appending. */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | bigint;

export interface EventToAppend {
  /** Deterministic (derived from the command) so that a retried append is a no-op. */
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: Record<string, unknown>;
}

export interface RecordedEvent {
  readonly id: string;
  readonly stream: string;
  /** 0-based position inside the stream. */
  readonly revision: bigint;
  /** Position in the global order; strictly increasing in the order subscribers see events. */
  readonly position: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  readonly recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the last event in the stream after the append. */
  readonly nextExpectedRevision: bigint;
  readonly position: bigint;
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive). */
  readonly fromRevision?: bigint;
}

export interface ReadAllOptions {
  /** Return events strictly after this global position; omit to start at the beginning. */
  readonly after?: bigint;
  readonly limit?: number;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface SubscribeAllOptions {
  readonly after?: bigint;
  /** Called per event in global order; the subscription waits for the returned promise. */
  readonly onEvent: (event: RecordedEvent) => Promise<void>;
  readonly onError?: (error: unknown) => void;
}

export interface EventStore {
  /**
   * Appends atomically. Throws ConcurrencyError when `expected` does not match; an append whose
   * event ids are already stored at the end of the stream returns the original result instead.
   */
  append(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream in order; an empty array when the stream does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** A page of all events in global order, never skipping an event that will later become visible. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up then live subscription to all events in global order. */
  subscribeAll(options: SubscribeAllOptions): Subscription;
  close(): Promise<void>;
}
