/** Hand-written Shopify payloads (test/fixtures/channels/shopify/SOURCES.md) and small builders on top. */
import { readFileSync } from 'node:fs';
import {
  type GraphqlOrder,
  graphqlOrderSchema,
} from '../../../../src/adapters/channels/shopify/shopify-graphql-order.js';

const fixtureDir = new URL('../../../fixtures/channels/shopify/', import.meta.url);

export const fixtureText = (name: string): string => readFileSync(new URL(name, fixtureDir), 'utf8');
export const fixtureBytes = (name: string): Buffer => readFileSync(new URL(name, fixtureDir));

/** The raw node as Shopify would send it (before our schema looks at it). */
export const rawNlOrder = (): Payload => JSON.parse(fixtureText('graphql-order-nl.json'));

// biome-ignore lint/suspicious/noExplicitAny: tests edit hand-written JSON payloads at any depth
export type Payload = Record<string, any>;

export const NL_ORDER_GID = 'gid://shopify/Order/5123456789012345678';

/** The NL order node, changed by `change` (a deep copy each time), validated like an API answer. */
export const graphqlOrder = (change: (node: Payload) => void = () => {}): GraphqlOrder => {
  const node = rawNlOrder();
  change(node);
  return graphqlOrderSchema.parse(node);
};

export const money = (amount: string) => ({ presentmentMoney: { amount } });
