import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connectDatabase, migrateToLatest } from '../../../src/adapters/db/connect.js';
import { migrationProvider, migrations } from '../../../src/adapters/db/migrations/index.js';

const tables = async (db: Awaited<ReturnType<typeof connectDatabase>>) =>
  (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = 'public' and table_name not like 'kysely%' order by 1`.execute(db)
  ).rows.map((r) => r.name);

describe('migrations', () => {
  it('go up to the latest schema, all the way down, and up again', async () => {
    const db = await connectDatabase({ kind: 'pglite' });
    await migrateToLatest(db);
    expect(await tables(db)).toEqual([
      'api_keys',
      'channel_syncs',
      'channels',
      'customers',
      'events',
      'idempotency_keys',
      'invoices',
      'journal_lines',
      'orders',
      'projection_checkpoints',
      'projection_failures',
      'vat_lines',
      'webhook_deliveries',
    ]);

    const migrator = new Migrator({ db, provider: migrationProvider });
    for (const _ of Object.keys(migrations)) {
      const { error } = await migrator.migrateDown();
      expect(error).toBeUndefined();
    }
    expect(await tables(db)).toEqual([]);

    await migrateToLatest(db);
    expect(await tables(db)).toHaveLength(13);
    await db.destroy();
  });
});
