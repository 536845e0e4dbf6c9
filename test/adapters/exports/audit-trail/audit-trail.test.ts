import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, migrateToLatest } from '../../../../src/adapters/db/connect.js';
import type { Database } from '../../../../src/adapters/db/database.js';
import { PostgresEventStore } from '../../../../src/adapters/event-store/postgres-event-store.js';
import { chainHash } from '../../../../src/adapters/exports/audit-trail/audit-trail-format.js';
import { canonicalJson } from '../../../../src/adapters/exports/audit-trail/canonical-json.js';
import { exportAuditTrail } from '../../../../src/adapters/exports/audit-trail/export-audit-trail.js';
import { splitLines } from '../../../../src/adapters/exports/audit-trail/split-lines.js';
import { verifyAuditTrail } from '../../../../src/adapters/exports/audit-trail/verify-audit-trail.js';
import {
  FROM,
  OTHER_TENANT,
  seedEvents,
  setRecordedAt,
  spreadRecordedAt,
  TENANT,
  TO,
} from './seed-events.js';

const collect = async (lines: AsyncIterable<string>): Promise<string[]> => {
  const all: string[] = [];
  for await (const line of lines) all.push(line);
  return all;
};

async function* iterate(lines: readonly string[]): AsyncGenerator<string> {
  yield* lines;
}

const verifyLines = (lines: readonly string[]) => verifyAuditTrail(iterate(lines));
async function* chunks(...items: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* items;
}

/** The file as the CLI reads it: bytes, strictly UTF-8, split on LF only. */
const verifyBytes = (bytes: Uint8Array) => verifyAuditTrail(splitLines(chunks(bytes)));

describe('audit trail export and verification', () => {
  let db: Kysely<Database>;
  let store: PostgresEventStore;
  let lines: string[];
  const progress: number[] = [];

  beforeAll(async () => {
    db = await connectDatabase({ kind: 'pglite' });
    await migrateToLatest(db);
    store = new PostgresEventStore(db);
    await seedEvents(store, 40);
    await spreadRecordedAt(db);
    // The range is [from, to): the first and last of these four are outside it.
    await setRecordedAt(db, 0, new Date(FROM.getTime() - 1));
    await setRecordedAt(db, 1, FROM);
    await setRecordedAt(db, 38, new Date(TO.getTime() - 1));
    await setRecordedAt(db, 39, TO);
    lines = await collect(
      exportAuditTrail({
        eventStore: store,
        tenantId: TENANT,
        from: FROM,
        to: TO,
        onProgress: (n) => progress.push(n),
        pageSize: 7,
      }),
    );
  });

  afterAll(async () => {
    await store.close();
    await db.destroy();
  });

  const middle = () => Math.floor(lines.length / 2);

  it('writes a header, one record per event of the tenant in [from, to) in global order, and a trailer', () => {
    const [header, ...rest] = lines.map((line) => JSON.parse(line));
    const trailer = rest.pop();

    expect(header).toMatchObject({
      kind: 'autofactuur-audit-trail',
      version: 1,
      tenantId: TENANT,
      from: '2026-01-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
    });
    expect(rest).toHaveLength(38);
    expect(rest.map((record) => record.seq)).toEqual(rest.map((_, index) => index + 1));
    expect(rest.every((record) => record.metadata.tenantId === TENANT)).toBe(true);
    expect(rest[0].recordedAt).toBe(FROM.toISOString());
    expect(rest.at(-1).recordedAt).toBe(new Date(TO.getTime() - 1).toISOString());
    const positions = rest.map((record) => BigInt(record.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(rest[0].prevHash).toBe(header.genesis);
    expect(rest[1].prevHash).toBe(rest[0].hash);
    expect(rest[5].data.buyer.name).toBeTypeOf('string');
    expect(trailer).toEqual({ kind: 'end', count: 38, lastHash: rest.at(-1).hash, hash: expect.any(String) });
    expect(progress).toEqual([38]);
  });

  it('hashes each line as sha256(prevHash + "\\n" + canonical JSON of the line without its hash)', () => {
    const { hash, ...body } = JSON.parse(lines[3]!);
    expect(hash).toBe(chainHash(body.prevHash, body));
    expect(lines.every((line) => canonicalJson(JSON.parse(line)) === line)).toBe(true);
  });

  it('is reproducible for a closed range', async () => {
    const again = await collect(
      exportAuditTrail({ eventStore: store, tenantId: TENANT, from: FROM, to: TO }),
    );
    expect(again).toEqual(lines);
  });

  it('leaves the other tenant to its own trail', async () => {
    const other = await collect(
      exportAuditTrail({ eventStore: store, tenantId: OTHER_TENANT, from: FROM, to: TO }),
    );
    expect(other).toHaveLength(10 + 2);
    expect(await verifyLines(other)).toMatchObject({ valid: true, count: 10 });
  });

  it('verifies the untouched file', async () => {
    expect(await verifyLines(lines)).toEqual({
      valid: true,
      count: 38,
      trailerHash: JSON.parse(lines.at(-1)!).hash,
    });
    expect((await verifyBytes(Buffer.from(`${lines.join('\n')}\n`))).valid).toBe(true);
  });

  it('finds one flipped byte in the data of the middle record, at that line', async () => {
    const index = middle();
    const line = lines[index]!;
    const at = line.indexOf('"unitPrice":"12.50"') + '"unitPrice":"1'.length;
    const tampered = lines.with(index, `${line.slice(0, at)}3${line.slice(at + 1)}`);

    expect(await verifyLines(tampered)).toEqual({
      valid: false,
      count: index - 1,
      firstInvalidLine: index + 1,
      reason: 'hash does not match the record',
    });
  });

  it('finds a change that parses to the same value, because lines must be canonical byte for byte', async () => {
    const index = middle();
    for (const [from, to] of [
      [/\\u001f/, '\\u001F'],
      [/e\+(\d+)/, 'E+$1'],
    ] as const) {
      expect(lines[index]).toMatch(from);
      const tampered = lines.with(index, lines[index]!.replace(from, to));
      expect(JSON.parse(tampered[index]!)).toEqual(JSON.parse(lines[index]!));
      expect(await verifyLines(tampered)).toMatchObject({
        valid: false,
        firstInvalidLine: index + 1,
        reason: 'not in canonical JSON form',
      });
    }
  });

  it('finds a removed record', async () => {
    const index = middle();
    const result = await verifyLines(lines.toSpliced(index, 1));
    expect(result).toMatchObject({ valid: false, firstInvalidLine: index + 1 });
    expect(result.reason).toMatch(/^seq \d+ where \d+ was expected$/);
  });

  it('finds two swapped records', async () => {
    const index = middle();
    const swapped = lines.with(index, lines[index + 1]!).with(index + 1, lines[index]!);
    expect(await verifyLines(swapped)).toMatchObject({ valid: false, firstInvalidLine: index + 1 });
  });

  it('finds a truncated file without its trailer', async () => {
    expect(await verifyLines(lines.slice(0, -1))).toEqual({
      valid: false,
      count: 38,
      firstInvalidLine: lines.length,
      reason: 'missing trailer: the file is truncated',
    });
    expect(await verifyLines([])).toMatchObject({ valid: false, reason: 'empty file' });
  });

  it('finds a changed trailer and anything appended after it', async () => {
    const trailer = JSON.parse(lines.at(-1)!);
    const fewer = canonicalJson({ ...trailer, count: 37 });
    expect(await verifyLines(lines.with(-1, fewer))).toMatchObject({
      valid: false,
      firstInvalidLine: lines.length,
      reason: 'trailer count 37, 38 records found',
    });
    expect(await verifyLines([...lines, ''])).toMatchObject({
      valid: false,
      reason: 'content after the trailer',
    });
  });

  it('finds a record of another tenant even when the whole chain was recomputed around it', async () => {
    const records = lines.slice(1, -1).map((line) => JSON.parse(line));
    records[2].metadata = { ...records[2].metadata, tenantId: OTHER_TENANT };
    let prevHash = JSON.parse(lines[0]!).genesis as string;
    const rehashed = records.map((record) => {
      const { hash: _old, ...body } = { ...record, prevHash };
      const hash = chainHash(prevHash, body);
      prevHash = hash;
      return canonicalJson({ ...body, hash });
    });
    const trailerBody = { kind: 'end', count: records.length, lastHash: prevHash };
    const forged = [
      lines[0]!,
      ...rehashed,
      canonicalJson({ ...trailerBody, hash: chainHash(prevHash, trailerBody) }),
    ];

    expect(await verifyLines(forged)).toMatchObject({
      valid: false,
      firstInvalidLine: 4,
      reason: 'record of another tenant',
    });
  });

  it('detects every single-byte change of the file, whether the result still parses as JSON or not', async () => {
    const file = Buffer.from(`${lines.join('\n')}\n`);
    let stillJson = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(file.length - 1), fc.integer({ min: 1, max: 255 }), async (offset, delta) => {
        const mutated = Buffer.from(file);
        mutated[offset] = (file[offset]! + delta) % 256;
        const mutatedLines = mutated.toString('latin1').split('\n');
        const lineIndex = file.subarray(0, offset).toString('latin1').split('\n').length - 1;
        if (isJson(mutatedLines[lineIndex])) stillJson++;
        expect((await verifyBytes(mutated)).valid).toBe(false);
      }),
      { numRuns: 2_000 },
    );
    // The property is meaningful: some mutations keep the line valid JSON (a digit, a letter in a string).
    expect(stillJson).toBeGreaterThan(100);
  });

  it('detects every JSON-preserving substitution in the middle record, byte by byte', async () => {
    const index = middle();
    const line = Buffer.from(lines[index]!);
    for (let offset = 0; offset < line.length; offset++) {
      for (const replacement of lookalikes(line[offset]!)) {
        const mutated = Buffer.from(line);
        mutated[offset] = replacement;
        const result = await verifyLines(lines.with(index, mutated.toString('utf8')));
        expect(result, `offset ${offset}: ${String.fromCharCode(replacement)}`).toMatchObject({
          valid: false,
          firstInvalidLine: index + 1,
        });
      }
    }
  });
});

const isJson = (line: string | undefined): boolean => {
  try {
    JSON.parse(line ?? '');
    return true;
  } catch {
    return false;
  }
};

/** Bytes that keep a JSON text well-formed where they replace a digit, a hex digit or a letter. */
const lookalikes = (byte: number): number[] => {
  const char = String.fromCharCode(byte);
  if (/[0-9]/.test(char)) return [48 + ((byte - 48 + 1) % 10), 48 + ((byte - 48 + 5) % 10)];
  if (/[a-f]/.test(char)) return [byte === 102 ? 97 : byte + 1, byte - 32];
  if (/[a-zA-Z]/.test(char)) return [byte === 122 || byte === 90 ? byte - 25 : byte + 1];
  return [];
};
