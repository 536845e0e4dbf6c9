import { sql, type Transaction } from 'kysely';
import type { Database } from '../../adapters/db/database.js';
import type { Projection } from '../projection.js';

/** Channel connections as the API lists them (never their credentials), and each sync's outcome. */
/** The row of one tenant's channel. */
const updateChannel = (trx: Transaction<Database>, ref: { tenantId: string; channelId: string }) =>
  trx.updateTable('channels').where('channel_id', '=', ref.channelId).where('tenant_id', '=', ref.tenantId);

export const channelsProjection: Projection = {
  name: 'channels',
  tables: ['channels', 'channel_syncs'],
  async apply(trx, event) {
    switch (event.type) {
      case 'ChannelConnected': {
        const d = event.data;
        await trx
          .insertInto('channels')
          .values({
            channel_id: d.channelId,
            tenant_id: d.tenantId,
            type: d.type,
            name: d.name,
            base_url: d.baseUrl,
            mode: d.mode,
            poll_interval_minutes: d.pollIntervalMinutes,
            paused: false,
            catalog: sql`${JSON.stringify(d.catalog)}::jsonb`,
            last_sync_at: null,
            last_error: null,
            created_at: d.at,
          })
          .onConflict((oc) => oc.column('channel_id').doNothing())
          .execute();
        return;
      }
      case 'ChannelChanged': {
        const d = event.data;
        const changes = {
          ...(d.mode === undefined ? {} : { mode: d.mode }),
          ...(d.pollIntervalMinutes === undefined ? {} : { poll_interval_minutes: d.pollIntervalMinutes }),
          ...(d.paused === undefined ? {} : { paused: d.paused }),
          ...(d.catalog === undefined ? {} : { catalog: sql`${JSON.stringify(d.catalog)}::jsonb` }),
        };
        // New credentials only (they live in the events, sealed): nothing in this table changes.
        if (Object.keys(changes).length === 0) return;
        await updateChannel(trx, d).set(changes).execute();
        return;
      }
      case 'ChannelSyncRequested': {
        const d = event.data;
        await trx
          .insertInto('channel_syncs')
          .values({
            sync_id: d.syncId,
            tenant_id: d.tenantId,
            channel_id: d.channelId,
            status: 'running',
            orders_seen: 0,
            orders_recorded: 0,
            errors: sql`'[]'::jsonb` as unknown as string,
            requested_at: d.at,
            finished_at: null,
          })
          .onConflict((oc) => oc.column('sync_id').doNothing())
          .execute();
        return;
      }
      case 'ChannelSynced': {
        const d = event.data;
        await updateChannel(trx, d).set({ last_sync_at: d.at, last_error: null }).execute();
        await trx
          .updateTable('channel_syncs')
          .set({
            status: 'done',
            orders_seen: d.ordersSeen,
            orders_recorded: d.ordersRecorded,
            errors:
              sql`${JSON.stringify(d.errors.map((e) => `${e.field}: ${e.message}`))}::jsonb` as unknown as string,
            finished_at: d.at,
          })
          .where('sync_id', '=', d.syncId)
          .execute();
        return;
      }
      case 'ChannelSyncFailed': {
        const d = event.data;
        await updateChannel(trx, d).set({ last_error: d.reason }).execute();
        await trx
          .updateTable('channel_syncs')
          .set({
            status: 'failed',
            errors: sql`${JSON.stringify([d.reason])}::jsonb` as unknown as string,
            finished_at: d.at,
          })
          .where('sync_id', '=', d.syncId)
          .execute();
        return;
      }
    }
  },
};
