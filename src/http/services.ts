import type { NumberingDependencies } from '../application/assign-number.js';
import type { AppDependencies } from '../application/dependencies.js';
import type { ChannelAdapters } from '../domain/ports/channel-adapters.js';
import type { DocumentStore } from '../domain/ports/document-store.js';
import type { PlatformAddressCheck } from '../domain/ports/platform-address-check.js';
import type { SecretBox } from '../domain/ports/secret-box.js';
import type { ReplayOutcome } from '../projections/replay-failures.js';
import type { RateLimitSettings } from './security.js';

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
  /** Channel connections: sealing their credentials and the platform adapters (webhooks). */
  readonly channels?: {
    readonly secrets: SecretBox;
    readonly adapters: ChannelAdapters;
    /** Which shop addresses a merchant may point us at (public ones only, in production). */
    readonly addressCheck: PlatformAddressCheck;
  };
  /** How the platforms reach this API, for the webhook URLs it hands out (e.g. https://api.example.nl). */
  readonly publicBaseUrl?: string;
  /** The request budget per API key; undefined = unlimited (tests; production always sets one). */
  readonly rateLimit?: RateLimitSettings;
  /** What /ready, /metrics and the operator routes look at and do. */
  readonly operations?: Operations;
}

export interface Operations {
  /** Resolves when the Temporal frontend answers; rejects otherwise. */
  checkTemporal(): Promise<void>;
  replayProjectionFailures(filter: { tenantId?: string }): Promise<ReplayOutcome>;
}
