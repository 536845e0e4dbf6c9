import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './database.js';
import { migrationProvider } from './migrations/index.js';

export type DatabaseConfig =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number }
  /** `dataDir` undefined = in memory. */
  | { readonly kind: 'pglite'; readonly dataDir?: string };

/** Opens the database (PostgreSQL server or embedded PGlite); the same kysely code runs on both. */
export async function connectDatabase(config: DatabaseConfig): Promise<Kysely<Database>> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
    // An idle client killed by the server (restart, drop database) is discarded by the pool;
    // without a listener node would treat the error event as fatal.
    pool.on('error', (error) => console.warn(`postgres pool: idle client error: ${error.message}`));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const pglite = config.dataDir === undefined ? new PGlite() : new PGlite(config.dataDir);
  await pglite.waitReady;
  return new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}
