import type { NumberingDependencies } from '../application/assign-number.js';
import type { AppDependencies } from '../application/dependencies.js';
import type { DocumentStore } from '../domain/ports/document-store.js';
import type { ReplayOutcome } from '../projections/replay-failures.js';

/** What the routes may use; built by a composition root and passed to buildApp. */
export interface HttpServices {
  readonly app: AppDependencies;
  /** Series numbering (credit notes are numbered in the API process). */
  readonly numbering: Omit<NumberingDependencies, 'eventStore'>;
  readonly documents: DocumentStore;
  /** Operator key that may create tenants; undefined disables tenant creation over HTTP. */
  readonly adminApiKey: string | undefined;
  /** Lets a write wait briefly until the read models include it (read-your-writes for clients). */
  readonly readModels?: { waitForPosition(position: bigint, timeoutMs: number): Promise<unknown> };
  /** What /ready, /metrics and the operator routes look at and do. */
  readonly operations?: Operations;
}

export interface Operations {
  /** Resolves when the Temporal frontend answers; rejects otherwise. */
  checkTemporal(): Promise<void>;
  replayProjectionFailures(filter: { tenantId?: string }): Promise<ReplayOutcome>;
}
