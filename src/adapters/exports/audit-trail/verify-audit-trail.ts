import {
  AUDIT_TRAIL_KIND,
  AUDIT_TRAIL_VERSION,
  type AuditTrailHeader,
  chainHash,
  genesisOf,
} from './audit-trail-format.js';
import { canonicalJson } from './canonical-json.js';

export interface AuditTrailVerification {
  readonly valid: boolean;
  /** Records that verified (all of them when valid; those before the first invalid line otherwise). */
  readonly count: number;
  /** 1-based line number; for a missing trailer, the line where it should have been. */
  readonly firstInvalidLine?: number;
  readonly reason?: string;
  /** When valid: the trailer's hash, the value to compare with an anchored copy. */
  readonly trailerHash?: string;
}

class Invalid extends Error {}

const RECORD_KEYS = [
  'data',
  'eventId',
  'hash',
  'metadata',
  'position',
  'prevHash',
  'recordedAt',
  'revision',
  'seq',
  'stream',
  'type',
]
  .sort()
  .join();
const TRAILER_KEYS = ['count', 'hash', 'kind', 'lastHash'].sort().join();
const HEADER_KEYS = ['from', 'genesis', 'kind', 'tenantId', 'to', 'version'].sort().join();

/**
 * Verifies an audit trail line by line in constant memory (format: audit-trail-format.ts). Every line must be
 * canonical JSON byte for byte, so any changed byte is caught: either the line no longer parses, or it is no
 * longer canonical, or its value — and so its hash, or the next line's prevHash — changed. A removed, inserted
 * or reordered record breaks seq and the chain; a missing or altered trailer is reported too.
 * `lines` are the file's lines without terminators (see `splitLines`).
 */
export async function verifyAuditTrail(lines: AsyncIterable<string>): Promise<AuditTrailVerification> {
  let lineNumber = 0;
  let count = 0;
  let header: AuditTrailHeader | undefined;
  let prevHash = '';
  let lastPosition = -1n;
  let trailerHash: string | undefined;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (trailerHash !== undefined) throw new Invalid('content after the trailer');
      const value = parseCanonical(line);
      if (header === undefined) {
        header = checkHeader(value);
        prevHash = header.genesis;
      } else if ('kind' in value) {
        trailerHash = checkTrailer(value, count, prevHash);
      } else {
        lastPosition = checkRecord(value, header, count + 1, prevHash, lastPosition);
        prevHash = value.hash as string;
        count++;
      }
    }
  } catch (error) {
    const reason = error instanceof Invalid ? error.message : `unreadable input: ${(error as Error).message}`;
    return { valid: false, count, firstInvalidLine: lineNumber + (error instanceof Invalid ? 0 : 1), reason };
  }
  if (header === undefined) return { valid: false, count, firstInvalidLine: 1, reason: 'empty file' };
  if (trailerHash === undefined) {
    return {
      valid: false,
      count,
      firstInvalidLine: lineNumber + 1,
      reason: 'missing trailer: the file is truncated',
    };
  }
  return { valid: true, count, trailerHash };
}

function parseCanonical(line: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Invalid('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Invalid('not a JSON object');
  if (canonicalJson(value) !== line) throw new Invalid('not in canonical JSON form');
  return value as Record<string, unknown>;
}

function checkHeader(value: Record<string, unknown>): AuditTrailHeader {
  const { genesis, ...body } = value;
  if (keys(value) !== HEADER_KEYS || value.kind !== AUDIT_TRAIL_KIND)
    throw new Invalid('not an audit trail header');
  if (value.version !== AUDIT_TRAIL_VERSION)
    throw new Invalid(`unsupported version ${String(value.version)}`);
  const header = value as unknown as AuditTrailHeader;
  if (genesis !== genesisOf(body as Omit<AuditTrailHeader, 'genesis'>)) {
    throw new Invalid('header genesis does not match the header');
  }
  return header;
}

function checkRecord(
  value: Record<string, unknown>,
  header: AuditTrailHeader,
  seq: number,
  prevHash: string,
  lastPosition: bigint,
): bigint {
  const { hash, ...body } = value;
  if (keys(value) !== RECORD_KEYS) throw new Invalid('not an audit trail record');
  if (value.seq !== seq) throw new Invalid(`seq ${String(value.seq)} where ${seq} was expected`);
  if (value.prevHash !== prevHash) throw new Invalid('prevHash does not continue the chain');
  if (hash !== chainHash(prevHash, body)) throw new Invalid('hash does not match the record');
  // Consistency with the header (a correctly re-hashed forgery still has to respect these).
  const metadata = value.metadata as Record<string, unknown> | null;
  if (metadata?.tenantId !== header.tenantId) throw new Invalid('record of another tenant');
  const recordedAt = String(value.recordedAt);
  if (!(recordedAt >= header.from && recordedAt < header.to))
    throw new Invalid('recordedAt outside the range');
  const position = /^\d+$/.test(String(value.position)) ? BigInt(String(value.position)) : -1n;
  if (position <= lastPosition) throw new Invalid('position not after the previous record');
  return position;
}

function checkTrailer(value: Record<string, unknown>, count: number, prevHash: string): string {
  const { hash, ...body } = value;
  if (keys(value) !== TRAILER_KEYS || value.kind !== 'end') throw new Invalid('not an audit trail trailer');
  if (value.lastHash !== prevHash) throw new Invalid('trailer lastHash does not match the last record');
  if (value.count !== count)
    throw new Invalid(`trailer count ${String(value.count)}, ${count} records found`);
  if (hash !== chainHash(prevHash, body)) throw new Invalid('trailer hash does not match');
  return hash as string;
}

const keys = (value: object): string => Object.keys(value).sort().join();
