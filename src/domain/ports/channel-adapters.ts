import type { ChannelConnection } from '../channel/channel.js';
import type { ChannelClient, ChannelWebhooks } from './channel-client.js';

/** Picks the platform adapter for a connection; a new platform is one more adapter behind this. */
export interface ChannelAdapters {
  clientFor(connection: ChannelConnection): ChannelClient;
  /** undefined for platforms without order webhooks (bol.com). */
  webhooksFor(connection: ChannelConnection): ChannelWebhooks | undefined;
}
