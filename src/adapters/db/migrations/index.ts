import type { Migration, MigrationProvider } from 'kysely';
import * as eventStore from './2026_11_27_0001_event_store.js';
import * as readModels from './2026_11_27_0002_read_models.js';
import * as ledger from './2026_11_27_0003_ledger.js';
import * as projectionFailures from './2026_12_01_0001_projection_failures.js';
import * as channels from './2026_12_01_0002_channels.js';
import * as apiKeyRevocation from './2026_12_02_0001_api_key_revocation.js';

/** Migrations are listed explicitly so they work the same from source (tsx) and from a bundle. */
export const migrations: Record<string, Migration> = {
  '2026_11_27_0001_event_store': eventStore,
  '2026_11_27_0002_read_models': readModels,
  '2026_11_27_0003_ledger': ledger,
  '2026_12_01_0001_projection_failures': projectionFailures,
  '2026_12_01_0002_channels': channels,
  '2026_12_02_0001_api_key_revocation': apiKeyRevocation,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
