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

/** What the connection's catalogue says WooCommerce's orders do not: goods or services, tax-class slugs. */
const wooCommerceDefaults = (connection: ChannelConnection): WooCommerceMappingDefaults => ({
  supplyType: connection.catalog.supplyType,
  taxClasses: connection.catalog.vatClasses,
});

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
  // One client per connection and credentials: bol's token and every platform's rate-limit memory
  // live in the client, and bol blocks clients that ask for a token per call.
  const clients = new Map<string, ChannelClient>();
  const clientFor = (connection: ChannelConnection): ChannelClient => {
    // A change of address, credentials or catalogue makes a new client.
    const key = `${connection.channelId}|${connection.baseUrl}|${connection.tokenUrl ?? ''}|${connection.credentials.sealed}|${JSON.stringify(connection.catalog)}`;
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
          defaults: wooCommerceDefaults(connection),
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
          productVatClasses: connection.catalog.vatClasses,
          ...http,
        });
    }
  };
  return {
    clientFor,
    webhooksFor(connection) {
      const { type } = connection;
      if (type === 'woocommerce') return createWooCommerceWebhooks(wooCommerceDefaults(connection));
      if (type === 'shopify') return { ...shopifyWebhooks, orderToReread: orderIdToReread };
      return undefined;
    },
  };
}
