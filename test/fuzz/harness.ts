import { sql } from 'kysely';
import { problemSchema, statusTitle } from '../../src/http/problem.js';
import type { TestStack } from '../support/test-stack.js';
import { preview } from './fuzz-values.js';
import type { WireRequest } from './requests.js';

export interface Failure {
  readonly route: string;
  readonly kind:
    | '5xx'
    | 'not problem+json'
    | 'write for rejected'
    | 'write for read'
    | 'read models refused an accepted write'
    | 'inject threw'
    | 'leak';
  readonly status?: number;
  readonly request: string;
  readonly detail: string;
}

export interface FuzzStats {
  routes: number;
  requests: number;
  fiveXx: number;
  writesForRejected: number;
  rejected: number;
  problemJson: number;
  accepted: number;
  settles: number;
  settleMs: number;
  /** Writes of scheduled channel polls that fell into a request's window (timer-driven, not the request's). */
  backgroundPolls: number;
}

interface WriteCount {
  /** The global position of the last event. */
  readonly events: string;
  readonly idempotencyKeys: number;
}

/** How long the event store must stay unchanged before the system counts as idle. */
const QUIET_MS = 100;
const SETTLE_TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends fuzzed requests and checks each answer: never 5xx, every 4xx problem+json with matching
 * status and a title, and nothing written for a rejected request. Writes are counted in the event
 * store (and the idempotency keys) before and after each request; after an accepted write the
 * fuzzer waits until the workflows it started are done, so the next request's count is its own.
 */
export class Fuzzer {
  readonly stats: FuzzStats = {
    routes: 0,
    requests: 0,
    fiveXx: 0,
    writesForRejected: 0,
    rejected: 0,
    problemJson: 0,
    accepted: 0,
    settles: 0,
    settleMs: 0,
    backgroundPolls: 0,
  };
  readonly failures: Failure[] = [];
  private dirty = true;
  /** The last accepted write, which whatever happens in the background until the next settle belongs to. */
  private lastWrite: { route: string; request: string } = { route: '(setup)', request: '(setup)' };
  private readonly seenFailures = new Set<string>();
  /** The write count after the last request, while nothing has run since. */
  private count: WriteCount | undefined;

  constructor(
    private readonly t: TestStack,
    private readonly errorLog: readonly string[],
  ) {}

  /** The last event's position (the primary key: cheap, unlike a count) and the idempotency keys held. */
  private async writeCount(): Promise<WriteCount> {
    const { rows } = await sql<{ events: string; keys: number }>`
      select (select coalesce(max(position), 0) from events)::text as events,
             (select count(*) from idempotency_keys)::int as keys`.execute(this.t.stack.db);
    return { events: rows[0]!.events, idempotencyKeys: rows[0]!.keys };
  }

  /**
   * Waits until nothing runs in the background any more: read models caught up, no order being
   * invoiced, no document being rendered or sent, no channel sync running, and no new event for a while.
   */
  async settle(): Promise<void> {
    this.stats.settles += 1;
    const started = Date.now();
    const deadline = started + SETTLE_TIMEOUT_MS;
    let last = -1;
    for (;;) {
      const head = await sql<{ position: string }>`
        select coalesce(max(position), 0)::text as position from events`.execute(this.t.stack.db);
      await this.t.stack.projections?.waitForPosition(BigInt(head.rows[0]!.position), 10_000);
      const { rows } = await sql<{ busy: number; events: number }>`
        select (select count(*) from orders where status in ('received', 'invoicing'))::int
             + (select count(*) from invoices where status in ('issued', 'sent'))::int
             + (select count(*) from channel_syncs where status = 'running')::int as busy,
               (select count(*) from events)::int as events`.execute(this.t.stack.db);
      const { busy, events } = rows[0]!;
      if (busy === 0 && events === last) break;
      last = busy === 0 ? events : -1;
      if (Date.now() > deadline) {
        throw new Error(`the system did not settle within ${SETTLE_TIMEOUT_MS} ms (busy: ${busy})`);
      }
      await sleep(QUIET_MS);
    }
    this.dirty = false;
    this.count = undefined;
    this.stats.settleMs += Date.now() - started;
    // An accepted write must be one the read models can apply; a failure holds back its whole stream.
    const failures = await sql<{ position: string; stream: string; event_type: string; error: string }>`
      select position::text as position, stream, event_type, error from projection_failures
      where resolved_at is null and kind = 'failed'`.execute(this.t.stack.db);
    for (const row of failures.rows) {
      if (this.seenFailures.has(row.position)) continue;
      this.seenFailures.add(row.position);
      this.failures.push({
        ...this.lastWrite,
        kind: 'read models refused an accepted write',
        detail: `${row.event_type} at ${row.position} (${row.stream}): ${preview(row.error, 300)}`,
      });
    }
  }

  /** Sends one request and checks the answer; returns it for callers that look further. */
  async send(route: string, wire: WireRequest, authorization: Record<string, string>) {
    if (this.dirty) await this.settle();
    // After a request that wrote nothing, nothing runs in the background: its count still holds.
    const before = this.count ?? (await this.writeCount());
    const requestText = `${wire.method} ${preview(wire.url, 200)} [${wire.label}]`;
    let res: Awaited<ReturnType<TestStack['app']['inject']>>;
    try {
      res = await this.t.app.inject({
        method: wire.method as 'GET',
        url: wire.url,
        headers: { ...wire.headers, ...authorization },
        ...(wire.payload === undefined ? {} : { payload: wire.payload }),
      });
    } catch (error) {
      // The HTTP client refused to send it (an invalid header value): not the server's doing.
      this.failures.push({ route, kind: 'inject threw', request: requestText, detail: String(error) });
      return undefined;
    }
    this.stats.requests += 1;
    const after = await this.writeCount();
    this.count = after;
    const wrote = after.events !== before.events || after.idempotencyKeys !== before.idempotencyKeys;
    const status = res.statusCode;
    const fail = (kind: Failure['kind'], detail: string) =>
      this.failures.push({ route, kind, status, request: requestText, detail });

    if (status >= 500) {
      this.stats.fiveXx += 1;
      const id = String(res.headers['x-request-id'] ?? '');
      const logged = this.errorLog.filter((line) => id !== '' && line.includes(id)).map(errorOf);
      fail(
        '5xx',
        `${preview(res.body, 300)}${logged.length > 0 ? `\n      logged: ${logged.join(' | ')}` : ''}`,
      );
    }
    if (status >= 400) {
      this.stats.rejected += 1;
      const problem = problemOf(res.headers['content-type'], res.body, status);
      if (problem === undefined) this.stats.problemJson += 1;
      else fail('not problem+json', problem);
      if (wrote && (await this.onlyScheduledPolls(before, after))) {
        this.stats.backgroundPolls += 1;
        this.dirty = true;
        this.count = undefined;
      } else if (wrote) {
        this.stats.writesForRejected += 1;
        fail('write for rejected', await this.newEvents(before.events, after));
        this.dirty = true;
        this.count = undefined;
      }
    } else if (wrote) {
      if (wire.method === 'GET') fail('write for read', await this.newEvents(before.events, after));
      this.stats.accepted += 1;
      // Whatever the write started (an invoice, a sync) must be done before the next count.
      this.dirty = true;
      this.count = undefined;
      this.lastWrite = { route, request: requestText };
    }
    return res;
  }

  /**
   * A channel's scheduled poll runs on the clock (every `pollIntervalMinutes`, aligned to the epoch)
   * and records its result without any request: a ChannelSynced or ChannelSyncFailed for a sync that no
   * ChannelSyncRequested asked for. Such writes in a request's window are not the request's.
   */
  private async onlyScheduledPolls(before: WriteCount, after: WriteCount): Promise<boolean> {
    if (after.idempotencyKeys !== before.idempotencyKeys) return false;
    const { rows } = await sql<{ scheduled: boolean }>`
      select e.type in ('ChannelSynced', 'ChannelSyncFailed') and not exists (
               select 1 from events r
               where r.type = 'ChannelSyncRequested' and r.data->>'syncId' = e.data->>'syncId') as scheduled
      from events e where e.position > ${before.events}::bigint`.execute(this.t.stack.db);
    return rows.length > 0 && rows.every((row) => row.scheduled);
  }

  private async newEvents(before: string, after: WriteCount): Promise<string> {
    const { rows } = await sql<{ type: string; stream: string; metadata: unknown }>`
      select type, stream, metadata from events where position > ${before}::bigint order by position`.execute(
      this.t.stack.db,
    );
    const events = rows.map((row) => `${row.type} ${row.stream} ${JSON.stringify(row.metadata)}`).join('; ');
    // A stream the read models hold back shows no work in progress: the fuzzer cannot wait for it.
    const held = await sql<{ stream: string }>`
      select distinct stream from projection_failures where resolved_at is null`.execute(this.t.stack.db);
    const stale = rows.filter((row) => held.rows.some((h) => h.stream === row.stream)).length > 0;
    return `events after position ${before} up to ${after.events}, idempotency keys now ${after.idempotencyKeys}: ${events}${
      stale ? ' (in a stream the read models hold back after a failure: see that failure first)' : ''
    }`;
  }

  report(): string {
    const byKind = new Map<string, Failure[]>();
    for (const failure of this.failures) {
      const key = `${failure.kind} ${failure.route}`;
      byKind.set(key, [...(byKind.get(key) ?? []), failure]);
    }
    return [...byKind.entries()]
      .map(
        ([key, failures]) =>
          `${key}: ${failures.length}×\n${failures
            .slice(0, 3)
            .map((f) => `    ${f.status ?? ''} ${f.request}\n      ${f.detail}`)
            .join('\n')}`,
      )
      .join('\n');
  }
}

/** Why an error answer is not a proper problem; undefined when it is one. */
export function problemOf(contentType: unknown, body: string, status: number): string | undefined {
  if (typeof contentType !== 'string' || !contentType.startsWith('application/problem+json')) {
    return `content-type ${String(contentType)}: ${preview(body, 200)}`;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `body is not JSON: ${preview(body, 200)}`;
  }
  const problem = problemSchema.safeParse(parsed);
  if (!problem.success) return `not a problem document: ${preview(body, 200)}`;
  const { title, type } = problem.data;
  if (problem.data.status !== status) return `status ${problem.data.status} in a ${status} answer`;
  // The status's reason phrase (RFC 9110), or what the problem type says in words ("validation-failed").
  const typeInWords = (type.split('/').at(-1) ?? '').replaceAll('-', ' ');
  if (title !== statusTitle(status) && title.toLowerCase() !== typeInWords) {
    return `title "${title}" is neither "${statusTitle(status)}" nor the type ${type}`;
  }
  return undefined;
}

const errorOf = (line: string): string => {
  try {
    const parsed = JSON.parse(line) as { err?: { message?: string; stack?: string } };
    return preview(parsed.err?.stack?.split('\n').slice(0, 4).join(' / ') ?? line, 600);
  } catch {
    return preview(line, 300);
  }
};
