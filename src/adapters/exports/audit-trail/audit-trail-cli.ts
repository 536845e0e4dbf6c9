import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { addDays, toAmsterdamDate } from '../../../domain/shared/dates.js';
import { connectDatabase } from '../../db/connect.js';
import { PostgresEventStore } from '../../event-store/postgres-event-store.js';
import { exportAuditTrail } from './export-audit-trail.js';
import { splitLines } from './split-lines.js';
import { verifyAuditTrail } from './verify-audit-trail.js';

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

export const USAGE = `Usage:
  audit-trail export --tenant <id> --from YYYY-MM-DD --to YYYY-MM-DD [--database-url <url> | --data-dir <dir>] > trail.jsonl
  audit-trail verify < trail.jsonl

export  Writes the tenant's events recorded in [from, to) as a hash-chained JSON Lines file to stdout.
        Dates are Amsterdam calendar days (--to is exclusive: --from 2026-01-01 --to 2027-01-01 is 2026);
        a full ISO timestamp with offset is accepted too. Progress goes to stderr.
        Database: --database-url (default $DATABASE_URL), else the embedded PGlite directory --data-dir
        (default $DATA_DIR/pglite, as \`npm start\` creates it).
verify  Checks a file from stdin; prints the result as JSON; exit code 0 = valid, 1 = invalid.`;

class UsageError extends Error {}

/** The `audit-trail` command (src/bin/audit-trail.ts); returns the exit code. */
export async function runAuditTrailCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'export') return await exportCommand(rest, io);
    if (command === 'verify') return await verifyCommand(io);
    if (command === 'help' || command === '--help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
  } catch (error) {
    // parseArgs reports unknown or malformed options as errors with an ERR_PARSE_ARGS_* code.
    const fromParseArgs = String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
    if (!(error instanceof UsageError || fromParseArgs)) throw error;
    io.stderr.write(`audit-trail: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
}

async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      tenant: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  if (!values.tenant || !values.from || !values.to)
    throw new UsageError('--tenant, --from and --to are required');
  const from = parseBoundary(values.from);
  const to = parseBoundary(values.to);
  if (from >= to) throw new UsageError('--from must be before --to');

  const db = await openDatabase(values['database-url'], values['data-dir'], io.env);
  const eventStore = new PostgresEventStore(db);
  try {
    const lines = exportAuditTrail({
      eventStore,
      tenantId: values.tenant,
      from,
      to,
      onProgress: (count) => io.stderr.write(`audit-trail: ${count} events exported\n`),
    });
    // Backpressure through pipeline; the caller's stdout is left open.
    await pipeline(Readable.from(withNewlines(lines)), io.stdout, { end: false });
    return 0;
  } finally {
    await eventStore.close();
    await db.destroy();
  }
}

async function verifyCommand(io: CliIo): Promise<number> {
  const result = await verifyAuditTrail(splitLines(io.stdin));
  io.stdout.write(`${JSON.stringify(result)}\n`);
  return result.valid ? 0 : 1;
}

async function* withNewlines(lines: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const line of lines) yield `${line}\n`;
}

/**
 * A bare date is the start of that day in Amsterdam (audit periods are Dutch calendar periods, and the
 * header records the resulting instant); anything else must be an ISO timestamp with an offset.
 */
export function parseBoundary(value: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (addDays(value, 0) !== value) throw new UsageError(`"${value}" is not a date`);
    // Amsterdam is UTC+1 or UTC+2 and never changes clocks at midnight: midnight is one of these two.
    const summer = new Date(`${value}T00:00:00+02:00`);
    return toAmsterdamDate(summer) === value ? summer : new Date(`${value}T00:00:00+01:00`);
  }
  const instant = new Date(value);
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(instant.getTime())) {
    throw new UsageError(`"${value}" is neither YYYY-MM-DD nor an ISO timestamp with an offset`);
  }
  return instant;
}

async function openDatabase(url: string | undefined, dataDir: string | undefined, env: NodeJS.ProcessEnv) {
  const databaseUrl = url ?? (dataDir === undefined ? env.DATABASE_URL : undefined);
  if (databaseUrl) return connectDatabase({ kind: 'postgres', url: databaseUrl });
  const directory = dataDir ?? join(env.DATA_DIR ?? './.data', 'pglite');
  // PGlite would silently create an empty database in a missing directory; an export must not.
  const exists = await stat(directory).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!exists) throw new UsageError(`no PGlite database at ${directory}`);
  return connectDatabase({ kind: 'pglite', dataDir: directory });
}
