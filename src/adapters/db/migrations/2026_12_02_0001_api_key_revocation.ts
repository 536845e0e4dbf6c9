import type { Kysely } from 'kysely';

/** A revoked key stays listed (who had access, until when) but no longer authenticates. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('revoked_at', 'timestamptz').execute();
  await db.schema
    .createIndex('api_keys_by_tenant')
    .on('api_keys')
    .columns(['tenant_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('api_keys_by_tenant').execute();
  await db.schema.alterTable('api_keys').dropColumn('revoked_at').execute();
}
