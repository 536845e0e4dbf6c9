import type { Selectable } from 'kysely';

export interface ChannelsTable {
  channel_id: string;
  tenant_id: string;
  type: string;
  name: string;
  base_url: string;
  mode: string;
  poll_interval_minutes: number;
  paused: boolean;
  catalog: unknown;
  last_sync_at: string | null;
  last_error: string | null;
  created_at: string;
}
export type ChannelRow = Selectable<ChannelsTable>;

export interface ChannelSyncsTable {
  sync_id: string;
  tenant_id: string;
  channel_id: string;
  status: 'running' | 'done' | 'failed';
  orders_seen: number;
  orders_recorded: number;
  errors: string;
  requested_at: string;
  finished_at: string | null;
}
export type ChannelSyncRow = Selectable<ChannelSyncsTable>;
