import type { ChannelConnection } from '../../domain/channel/channel.js';
import type { ChannelAdapters } from '../../domain/ports/channel-adapters.js';
import type { ChannelClient } from '../../domain/ports/channel-client.js';
import type { SecretBox } from '../../domain/ports/secret-box.js';
import { createBolClient } from './bol/bol-client.js';
import { createShopifyClient } from './shopify/shopify-client.js';
import { orderIdToReread, shopifyWebhooks } from './shopify/shopify-webhooks.js';
import type { WooCommerceMappingDefaults } from './woocommerce/map-woocommerce-order.js';
import { createWooCommerceClient } from './woocommerce/woocommerce-client.js';
import { createWooCommerceWebhooks } from './woocommerce/woocommerce-webhooks.js';

/** A webshop sells goods unless told otherwise; the shop's own tax classes are a later setting. */
const WOOCOMMERCE_DEFAULTS: WooCommerceMappingDefaults = { supplyType: 'goods' };

/**
 * The real platform adapters, with each connection's credentials opened only here, at the moment a
 * client is made for it. The base URL comes from the connection, so a local server can stand in.
 */
export function createChannelAdapters(
  secrets: SecretBox,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): ChannelAdapters {
  const http = {
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  const wooCommerceWebhooks = createWooCommerceWebhooks(WOOCOMMERCE_DEFAULTS);
  // One client per connection and credentials: bol's token and every platform's rate-limit memory
  // live in the client, and bol blocks clients that ask for a token per call.
  const clients = new Map<string, ChannelClient>();
  const clientFor = (connection: ChannelConnection): ChannelClient => {
    const key = `${connection.channelId}|${connection.baseUrl}|${connection.tokenUrl ?? ''}|${connection.credentials.sealed}`;
    let client = clients.get(key);
    if (client === undefined) {
      for (const known of clients.keys())
        if (known.startsWith(`${connection.channelId}|`)) clients.delete(known);
      client = newClient(connection);
      clients.set(key, client);
    }
    return client;
  };
  const newClient = (connection: ChannelConnection): ChannelClient => {
    const credentials = JSON.parse(secrets.open(connection.credentials)) as Record<string, string>;
    const required = (name: string): string => {
      const value = credentials[name];
      if (value === undefined) throw new Error(`Channel ${connection.channelId} has no ${name}`);
      return value;
    };
    switch (connection.type) {
      case 'woocommerce':
        return createWooCommerceClient({
          baseUrl: connection.baseUrl,
          consumerKey: required('consumerKey'),
          consumerSecret: required('consumerSecret'),
          defaults: WOOCOMMERCE_DEFAULTS,
          ...http,
        });
      case 'shopify':
        return createShopifyClient({
          baseUrl: connection.baseUrl,
          accessToken: required('accessToken'),
          ...http,
        });
      case 'bol':
        if (connection.tokenUrl === undefined)
          throw new Error(`bol channel ${connection.channelId} has no token URL`);
        return createBolClient({
          baseUrl: connection.baseUrl,
          tokenUrl: connection.tokenUrl,
          clientId: required('clientId'),
          clientSecret: required('clientSecret'),
          ...http,
        });
    }
  };
  return {
    clientFor,
    webhooksFor(type) {
      if (type === 'woocommerce') return wooCommerceWebhooks;
      if (type === 'shopify') return { ...shopifyWebhooks, orderToReread: orderIdToReread };
      return undefined;
    },
  };
}
