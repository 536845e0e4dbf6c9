import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, migrateToLatest } from '../../../../src/adapters/db/connect.js';
import { PostgresEventStore } from '../../../../src/adapters/event-store/postgres-event-store.js';
import {
  type CliIo,
  parseBoundary,
  runAuditTrailCli,
} from '../../../../src/adapters/exports/audit-trail/audit-trail-cli.js';
import { seedEvents, spreadRecordedAt, TENANT } from './seed-events.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

const capture = () => {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
};

const run = async (argv: string[], stdin = '') => {
  const stdout = capture();
  const stderr = capture();
  const io: CliIo = {
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: {},
  };
  const code = await runAuditTrailCli(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
};

describe('audit-trail CLI', () => {
  let directory: string;
  let dataDir: string;
  let exported: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'autofactuur-audit-trail-'));
    dataDir = join(directory, 'pglite');
    const db = await connectDatabase({ kind: 'pglite', dataDir });
    await migrateToLatest(db);
    await seedEvents(new PostgresEventStore(db), 1_200, 100);
    await spreadRecordedAt(db);
    await db.destroy();
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('exports a tenant from the embedded database to stdout, with progress on stderr', async () => {
    const result = await run([
      'export',
      '--tenant',
      TENANT,
      '--from',
      '2026-01-01',
      '--to',
      '2027-01-01',
      '--data-dir',
      dataDir,
    ]);

    expect(result.code).toBe(0);
    exported = result.stdout;
    const lines = exported.split('\n');
    expect(lines).toHaveLength(1_200 + 2 + 1); // header, records, trailer, and the empty string after the final LF
    expect(JSON.parse(lines[0]!)).toMatchObject({ tenantId: TENANT, from: '2025-12-31T23:00:00.000Z' });
    expect(result.stderr).toBe('audit-trail: 1000 events exported\naudit-trail: 1200 events exported\n');
  });

  it('verifies the exported file from stdin with exit code 0, and a tampered one with 1', async () => {
    const valid = await run(['verify'], exported);
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout)).toMatchObject({ valid: true, count: 1_200 });

    const tampered = await run(['verify'], exported.replace('"unitPrice":"19.95"', '"unitPrice":"19.96"'));
    expect(tampered.code).toBe(1);
    expect(JSON.parse(tampered.stdout)).toEqual({
      valid: false,
      count: 0,
      firstInvalidLine: 2,
      reason: 'hash does not match the record',
    });
  });

  it('rejects bytes that are not UTF-8 instead of decoding them to U+FFFD', async () => {
    const bytes = Buffer.from(exported);
    bytes[bytes.indexOf('Müller') + 1] = 0xff;
    const stdout = capture();
    const code = await runAuditTrailCli(['verify'], {
      stdin: Readable.from([bytes]),
      stdout: stdout.stream,
      stderr: capture().stream,
      env: {},
    });
    expect(code).toBe(1);
    expect(JSON.parse(stdout.text()).reason).toMatch(/^unreadable input/);
  });

  it('explains its usage with exit code 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['export', '--tenant', TENANT])).stderr).toContain(
      '--tenant, --from and --to are required',
    );
    expect((await run(['export', '--bogus'])).code).toBe(2);
    const missing = await run([
      'export',
      '--tenant',
      'x',
      '--from',
      '2026-01-01',
      '--to',
      '2027-01-01',
      '--data-dir',
      join(directory, 'nope'),
    ]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('no PGlite database at') });
    expect((await run(['export', '--tenant', 'x', '--from', '2026-02-30', '--to', '2027-01-01'])).code).toBe(
      2,
    );
  });

  it('reads a bare date as midnight in Amsterdam, also on the days the clocks change', () => {
    expect(parseBoundary('2026-01-01').toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(parseBoundary('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(parseBoundary('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(parseBoundary('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(parseBoundary('2026-01-01T00:00:00Z').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(() => parseBoundary('2026-01-01T00:00:00')).toThrow(/offset/);
  });

  it('runs as a program: src/bin/audit-trail.ts verify < file', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'src/bin/audit-trail.ts', 'verify'], {
      cwd: REPO_ROOT,
      input: exported,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toMatchObject({ valid: true, count: 1_200 });
  });
});
