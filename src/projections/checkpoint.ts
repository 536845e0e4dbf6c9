import { sql, type Transaction } from 'kysely';
import type { Database, DbOrTrx } from '../adapters/db/database.js';

/**
 * One checkpoint for all read models: they advance together in one transaction per batch, so the
 * orders and invoices an API reader sees are always consistent with each other.
 */
export const READ_MODELS_CHECKPOINT = 'read-models';

const selectPosition = (db: DbOrTrx) =>
  db
    .selectFrom('projection_checkpoints')
    .select(sql<string>`position::text`.as('position'))
    .where('name', '=', READ_MODELS_CHECKPOINT);

/** The last applied global position; undefined before the checkpoint row exists. */
export async function readCheckpoint(db: DbOrTrx): Promise<bigint | undefined> {
  const row = await selectPosition(db).executeTakeFirst();
  return row === undefined ? undefined : BigInt(row.position);
}

/** As readCheckpoint, holding the row lock until the transaction ends: this serialises runners. */
export async function lockCheckpoint(trx: Transaction<Database>): Promise<bigint | undefined> {
  const row = await selectPosition(trx).forUpdate().executeTakeFirst();
  return row === undefined ? undefined : BigInt(row.position);
}

export async function ensureCheckpoint(db: DbOrTrx): Promise<void> {
  await db
    .insertInto('projection_checkpoints')
    .values({ name: READ_MODELS_CHECKPOINT, position: '0' })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

export async function writeCheckpoint(trx: Transaction<Database>, position: bigint): Promise<void> {
  await trx
    .insertInto('projection_checkpoints')
    .values({ name: READ_MODELS_CHECKPOINT, position: String(position) })
    .onConflict((oc) => oc.column('name').doUpdateSet({ position: String(position) }))
    .execute();
}
