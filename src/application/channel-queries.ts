import type { Db } from '../adapters/db/database.js';
import type { ChannelRow } from '../adapters/db/tables/channels.js';
import type { ChannelCatalog, ChannelMode, ChannelType } from '../domain/channel/channel.js';

export interface ChannelView {
  readonly id: string;
  readonly type: ChannelType;
  readonly name: string;
  readonly baseUrl: string;
  readonly mode: ChannelMode;
  readonly pollIntervalMinutes: number;
  readonly catalog: ChannelCatalog;
  readonly status: 'ok' | 'failing' | 'paused';
  readonly lastSyncAt: string | null;
  readonly lastError: string | null;
}

const toView = (row: ChannelRow): ChannelView => ({
  id: row.channel_id,
  type: row.type as ChannelType,
  name: row.name,
  baseUrl: row.base_url,
  mode: row.mode as ChannelMode,
  pollIntervalMinutes: row.poll_interval_minutes,
  catalog: (typeof row.catalog === 'string' ? JSON.parse(row.catalog) : row.catalog) as ChannelCatalog,
  status: row.paused ? 'paused' : row.last_error === null ? 'ok' : 'failing',
  lastSyncAt: row.last_sync_at,
  lastError: row.last_error,
});

export async function listChannels(db: Db, tenantId: string): Promise<ChannelView[]> {
  const rows = await db
    .selectFrom('channels')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .execute();
  return rows.map(toView);
}

export async function findChannel(
  db: Db,
  tenantId: string,
  channelId: string,
): Promise<ChannelView | undefined> {
  const row = await db
    .selectFrom('channels')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return row === undefined ? undefined : toView(row);
}

export async function findChannelSync(db: Db, tenantId: string, channelId: string, syncId: string) {
  const row = await db
    .selectFrom('channel_syncs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('channel_id', '=', channelId)
    .where('sync_id', '=', syncId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    syncId: row.sync_id,
    status: row.status,
    ordersSeen: row.orders_seen,
    ordersRecorded: row.orders_recorded,
    errors: (typeof row.errors === 'string' ? JSON.parse(row.errors) : row.errors) as string[],
  };
}
