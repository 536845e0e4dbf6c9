import {
  type AnyDomainEvent,
  EVENT_SCHEMA_VERSION,
  parseEvent,
  unrecordableFields,
} from '../domain/events.js';
import type { EventStore, RecordedEvent } from '../domain/ports/event-store.js';
import type { Decider, TypedEvent } from '../domain/shared/decider.js';
import { ConcurrencyError, ValidationError } from '../domain/shared/errors.js';
import { deterministicId } from '../domain/shared/ids.js';

export interface HandleResult<State, Event> {
  readonly state: State;
  readonly newEvents: Event[];
  readonly position: bigint | undefined;
}

interface CachedState<State> {
  readonly revision: bigint;
  readonly state: State;
}

/**
 * Folded aggregate state per stream, so a long stream (an invoice series) is read from where we
 * left off instead of from the start on every command. Only this process's view; the expected
 * revision on append still guards against every other writer.
 */
export class AggregateStateCache {
  private readonly entries = new Map<string, CachedState<unknown>>();
  get<State>(stream: string): CachedState<State> | undefined {
    return this.entries.get(stream) as CachedState<State> | undefined;
  }
  set<State>(stream: string, entry: CachedState<State>): void {
    this.entries.set(stream, entry);
  }
}

export interface HandleOptions {
  /** Deterministic id of the command: event ids derive from it, so a retried append is a no-op. */
  readonly commandId: string;
  readonly metadata?: Record<string, unknown>;
  readonly cache?: AggregateStateCache;
  readonly maxAttempts?: number;
}

/**
 * Load → decide → append with the expected revision; on a concurrent write, reload and decide
 * again. The command may be a function of the state (e.g. needs the current series number).
 */
export async function handleCommand<Command, Event extends TypedEvent, State>(
  store: EventStore,
  stream: string,
  decider: Decider<Command, Event, State>,
  command: Command | ((state: State) => Command),
  options: HandleOptions,
): Promise<HandleResult<State, Event>> {
  const maxAttempts = options.maxAttempts ?? 50;
  for (let attempt = 1; ; attempt++) {
    const { state, revision } = await loadState(store, stream, decider, options.cache);
    const newEvents = decider.decide(
      typeof command === 'function' ? (command as (state: State) => Command)(state) : command,
      state,
    );
    if (newEvents.length === 0) return { state, newEvents, position: undefined };
    assertRecordable(newEvents);
    try {
      const result = await store.append(
        stream,
        newEvents.map((event, index) => ({
          id: deterministicId(stream, options.commandId, String(index)),
          type: event.type,
          data: event.data,
          metadata: {
            schemaVersion: EVENT_SCHEMA_VERSION,
            commandId: options.commandId,
            ...options.metadata,
          },
        })),
        revision === undefined ? 'no_stream' : revision,
      );
      const nextState = newEvents.reduce(decider.evolve, state);
      options.cache?.set(stream, { revision: result.nextExpectedRevision, state: nextState });
      return { state: nextState, newEvents, position: result.position };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
      await backoff(attempt);
    }
  }
}

/** Refuses, before the append, an event that would fail its own schema when read back. */
function assertRecordable(events: readonly TypedEvent[]): void {
  for (const event of events) {
    const errors = unrecordableFields(event.type, event.data);
    if (errors.length > 0) {
      throw new ValidationError(`${event.type} would not be a valid record; nothing was stored`, errors);
    }
  }
}

export async function loadState<Command, Event extends TypedEvent, State>(
  store: EventStore,
  stream: string,
  decider: Decider<Command, Event, State>,
  cache?: AggregateStateCache,
): Promise<{ state: State; revision: bigint | undefined }> {
  const cached = cache?.get<State>(stream);
  const recorded = await store.readStream(stream, cached ? { fromRevision: cached.revision + 1n } : {});
  const state = toDomainEvents<Event>(recorded).reduce(decider.evolve, cached?.state ?? decider.initialState);
  const revision = recorded.at(-1)?.revision ?? cached?.revision;
  if (cache !== undefined && revision !== undefined) cache.set(stream, { revision, state });
  return { state, revision };
}

export function toDomainEvents<Event extends TypedEvent = AnyDomainEvent>(
  recorded: readonly RecordedEvent[],
): Event[] {
  return recorded.flatMap((e) => {
    const parsed = parseEvent(e.type, e.data, e.metadata.schemaVersion);
    return parsed === undefined ? [] : [parsed as unknown as Event];
  });
}

/** Jittered exponential backoff so racing writers spread out instead of colliding again. */
const backoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 ** attempt)));
