import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/**
 * The audit trail file (JSON Lines, one canonical-JSON object per line):
 *   line 1      header  {kind:'autofactuur-audit-trail', version:1, tenantId, from, to, genesis}
 *   line 2..n+1 records {seq, position, eventId, stream, revision, type, recordedAt, data, metadata, prevHash, hash}
 *   line n+2    trailer {kind:'end', count, lastHash, hash}
 * genesis = sha256(canonical header without genesis); each record's and the trailer's
 * hash = sha256(prevHash + '\n' + canonical(line without hash)), prevHash being the previous line's hash
 * (genesis for the first record; the trailer's is called lastHash). Any changed, removed, inserted or moved
 * line breaks the chain from that line on, and a missing trailer shows a truncated file. The chain proves
 * integrity, not authorship: whoever rewrites every line can recompute it, so keep the trailer hash
 * somewhere else (ticket, e-mail to the accountant) to anchor an export.
 */

export const AUDIT_TRAIL_KIND = 'autofactuur-audit-trail';
export const AUDIT_TRAIL_VERSION = 1;

export interface AuditTrailHeader {
  readonly kind: typeof AUDIT_TRAIL_KIND;
  readonly version: typeof AUDIT_TRAIL_VERSION;
  readonly tenantId: string;
  /** Inclusive lower bound of recordedAt (ISO 8601 instant). */
  readonly from: string;
  /** Exclusive upper bound of recordedAt. */
  readonly to: string;
  readonly genesis: string;
}

export interface AuditTrailRecord {
  /** 1, 2, 3, … within this file. */
  readonly seq: number;
  /** Global event store position (a bigint, as a decimal string). */
  readonly position: string;
  readonly eventId: string;
  readonly stream: string;
  readonly revision: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditTrailTrailer {
  readonly kind: 'end';
  readonly count: number;
  readonly lastHash: string;
  readonly hash: string;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const genesisOf = (header: Omit<AuditTrailHeader, 'genesis'>): string =>
  sha256Hex(canonicalJson(header));

/** The hash of a record or trailer from the previous hash and the line's other members. */
export const chainHash = (prevHash: string, withoutHash: object): string =>
  sha256Hex(`${prevHash}\n${canonicalJson(withoutHash)}`);
