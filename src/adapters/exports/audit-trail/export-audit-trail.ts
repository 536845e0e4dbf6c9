import type { EventStore, RecordedEvent } from '../../../domain/ports/event-store.js';
import {
  AUDIT_TRAIL_KIND,
  AUDIT_TRAIL_VERSION,
  type AuditTrailHeader,
  type AuditTrailRecord,
  type AuditTrailTrailer,
  chainHash,
  genesisOf,
} from './audit-trail-format.js';
import { canonicalJson } from './canonical-json.js';

export interface ExportAuditTrailOptions {
  readonly eventStore: EventStore;
  readonly tenantId: string;
  /** Inclusive. */
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  /** Called with the number of records written, every 1,000 records and once at the end. */
  readonly onProgress?: (exported: number) => void;
  readonly pageSize?: number;
}

/**
 * Yields the tenant's audit trail as JSON Lines (without line terminators): header, one hash-chained record
 * per event of `tenantId` (metadata.tenantId) recorded in [from, to), in global order, then the trailer
 * (format: audit-trail-format.ts). Reads the event store a page at a time, so memory stays constant however
 * many events there are; the caller's consumption paces the reads.
 *
 * The store has no index on recordedAt, and recordedAt is not guaranteed to grow with the position
 * (concurrent appends), so every page is read and filtered — an export scans the whole store once.
 * For a `to` in the past the result is reproducible byte for byte: events are immutable and new ones are
 * recorded after `to`.
 */
export async function* exportAuditTrail(options: ExportAuditTrailOptions): AsyncGenerator<string> {
  const { eventStore, tenantId, from, to, onProgress, pageSize = 1_000 } = options;
  if (!(from.getTime() < to.getTime())) throw new RangeError('exportAuditTrail: from must be before to');
  const headerBody = {
    kind: AUDIT_TRAIL_KIND,
    version: AUDIT_TRAIL_VERSION,
    tenantId,
    from: from.toISOString(),
    to: to.toISOString(),
  } as const;
  const header: AuditTrailHeader = { ...headerBody, genesis: genesisOf(headerBody) };
  yield canonicalJson(header);

  let prevHash = header.genesis;
  let count = 0;
  let after: bigint | undefined;
  for (;;) {
    const page = await eventStore.readAll({ after, limit: pageSize });
    if (page.length === 0) break;
    for (const event of page) {
      if (!belongsTo(event, tenantId, from, to)) continue;
      count++;
      const body = recordBody(event, count, prevHash);
      const record: AuditTrailRecord = { ...body, hash: chainHash(prevHash, body) };
      yield canonicalJson(record);
      prevHash = record.hash;
      if (count % 1_000 === 0) onProgress?.(count);
    }
    after = page.at(-1)!.position;
  }

  const trailerBody = { kind: 'end', count, lastHash: prevHash } as const;
  const trailer: AuditTrailTrailer = { ...trailerBody, hash: chainHash(prevHash, trailerBody) };
  yield canonicalJson(trailer);
  if (count % 1_000 !== 0 || count === 0) onProgress?.(count);
}

const belongsTo = (event: RecordedEvent, tenantId: string, from: Date, to: Date): boolean => {
  const at = event.recordedAt.getTime();
  return event.metadata.tenantId === tenantId && at >= from.getTime() && at < to.getTime();
};

const recordBody = (event: RecordedEvent, seq: number, prevHash: string): Omit<AuditTrailRecord, 'hash'> => ({
  seq,
  position: String(event.position),
  eventId: event.id,
  stream: event.stream,
  revision: String(event.revision),
  type: event.type,
  recordedAt: event.recordedAt.toISOString(),
  // Kept as stored; null rather than absent so every record has the same members.
  data: event.data ?? null,
  metadata: event.metadata,
  prevHash,
});
