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

/** Webhook event ids a channel already processed: a redelivery is answered without doing it again. */
export interface WebhookDeliveriesTable {
  channel_id: string;
  event_id: string;
  received_at: Date;
}

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
