import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../adapters/db/database.js';
import { parseEvent } from '../domain/events.js';
import type { EventStore, RecordedEvent } from '../domain/ports/event-store.js';
import { Alarm } from './alarm.js';
import { ensureCheckpoint, lockCheckpoint, readCheckpoint, writeCheckpoint } from './checkpoint.js';
import { isTransientDatabaseError, messageChain, openFailureStreams, recordFailure } from './failures.js';
import type { Projection } from './projection.js';

export interface ProjectionRunnerOptions {
  readonly db: Kysely<Database>;
  readonly eventStore: EventStore;
  readonly projections: readonly Projection[];
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  readonly onError?: (error: unknown) => void;
  /** Called once per event recorded as poison (after its batch committed). */
  readonly onPoison?: (poison: PoisonEvent) => void;
}

export interface PoisonEvent {
  readonly recorded: RecordedEvent;
  readonly error: Error;
}

/** 'retry': the checkpoint moved (another runner, a rebuild) or was just created; read again at once. */
type BatchOutcome = 'applied' | 'caught-up' | 'retry';

const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Applies all events, in global order, to every projection: one transaction per batch holding the
 * checkpoint row lock, so the rows and the checkpoint commit together and any number of runners
 * (worker processes) apply each event exactly once.
 */
export class ProjectionRunner {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly onError: (error: unknown) => void;
  private readonly onPoison: (poison: PoisonEvent) => void;
  private readonly alarm = new Alarm();
  private loop: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.onError = options.onError ?? ((error) => console.error('projection runner:', error));
    this.onPoison =
      options.onPoison ??
      (({ recorded, error }) =>
        console.error(
          JSON.stringify({
            msg: 'projection failure recorded; stream held back until replayed',
            position: String(recorded.position),
            stream: recorded.stream,
            type: recorded.type,
            error: messageChain(error),
          }),
        ));
  }

  start(): void {
    if (this.loop !== undefined) return;
    this.stopping = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.alarm.ring();
    await this.loop;
    this.loop = undefined;
  }

  /** Applies batches until none is left; returns the checkpoint. Errors are thrown, not retried. */
  async runUntilCaughtUp(): Promise<bigint> {
    while ((await this.processBatch()) !== 'caught-up') {}
    return (await readCheckpoint(this.options.db)) ?? 0n;
  }

  /** Read-your-writes: resolves once the read models include `position` (whichever runner applied it). */
  async waitForPosition(position: bigint, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (((await readCheckpoint(this.options.db)) ?? 0n) < position) {
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(`Read models did not reach position ${position} within ${timeoutMs} ms`);
      // Woken early by this runner's commits; polling covers commits of other processes.
      await this.alarm.sleep(Math.min(remaining, this.pollIntervalMs));
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const outcome = await this.processBatch();
        failures = 0;
        if (outcome === 'caught-up') await this.alarm.sleep(this.pollIntervalMs);
      } catch (error) {
        // The batch rolled back; retrying at once would only repeat the failure.
        failures += 1;
        this.onError(error);
        await this.alarm.sleep(Math.min(this.pollIntervalMs * 2 ** failures, MAX_RETRY_DELAY_MS));
      }
    }
  }

  private async processBatch(): Promise<BatchOutcome> {
    const { db, eventStore } = this.options;
    const after = await readCheckpoint(db);
    if (after === undefined) {
      await ensureCheckpoint(db);
      return 'retry';
    }
    // Read before opening the transaction: the event store may share PGlite's single connection.
    const batch = await eventStore.readAll({ after, limit: this.batchSize });
    const last = batch.at(-1);
    if (last === undefined) return 'caught-up';

    const poisoned: PoisonEvent[] = [];
    const outcome = await db.transaction().execute(async (trx): Promise<BatchOutcome> => {
      // Read models are a function of the checkpoint: if it still equals `after`, this batch is
      // exactly what comes next; if not, another runner (or a rebuild) got there first.
      if ((await lockCheckpoint(trx)) !== after) return 'retry';
      const blocked = await openFailureStreams(trx);
      for (const recorded of batch) {
        const failure = await applyOrRecord(trx, this.options.projections, recorded, blocked);
        if (failure !== undefined) poisoned.push({ recorded, error: failure });
      }
      await writeCheckpoint(trx, last.position);
      return 'applied';
    });
    for (const poison of poisoned) this.onPoison(poison);
    if (outcome === 'applied') this.alarm.ring();
    return outcome;
  }
}

/**
 * Applies one event inside a savepoint. A stream with an open failure has its later events held
 * back; an event that fails for a reason of its own (not the connection) is recorded as poison and
 * the batch goes on. Returns the error of a newly poisoned event.
 */
async function applyOrRecord(
  trx: Transaction<Database>,
  projections: readonly Projection[],
  recorded: RecordedEvent,
  blocked: Set<string>,
): Promise<Error | undefined> {
  if (blocked.has(recorded.stream)) {
    await recordFailure(trx, recorded, 'held_back', 'An earlier event of this stream could not be applied');
    return undefined;
  }
  await sql`savepoint apply_event`.execute(trx);
  try {
    await applyEvent(trx, projections, recorded);
    await sql`release savepoint apply_event`.execute(trx);
    return undefined;
  } catch (error) {
    if (isTransientDatabaseError(error)) throw error;
    await sql`rollback to savepoint apply_event`.execute(trx);
    const failure = error instanceof Error ? error : new Error(String(error));
    await recordFailure(trx, recorded, 'failed', messageChain(failure));
    blocked.add(recorded.stream);
    return failure;
  }
}

/** Names the event and the step in the error. */
export async function applyEvent(
  trx: Transaction<Database>,
  projections: readonly Projection[],
  recorded: RecordedEvent,
): Promise<void> {
  let step = 'parsing';
  try {
    const event = parseEvent(recorded.type, recorded.data, recorded.metadata.schemaVersion);
    if (event === undefined) return;
    for (const projection of projections) {
      step = `projection ${projection.name}`;
      await projection.apply(trx, event, recorded);
    }
  } catch (error) {
    throw new Error(
      `${recorded.type} at position ${recorded.position} (${recorded.stream}) failed in ${step}`,
      {
        cause: error,
      },
    );
  }
}
