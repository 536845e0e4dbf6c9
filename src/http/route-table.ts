import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * Who may call a route. Every route declares it, through its guard or through `config.access`, so a
 * new route cannot be added without a decision, and tests generate their isolation and role checks
 * from this table instead of a hand-kept list.
 */
export type RouteAccess =
  /** merchant keys only: everything that writes tenant data. */
  | 'merchant'
  /** merchant or accountant keys: reads. */
  | 'reader'
  /** the operator key (ADMIN_API_KEY) only. */
  | 'operator'
  /** no key: the platform proves itself with a signature over the raw body. */
  | 'signed-webhook'
  /** no key, no tenant data: health, readiness, metrics, the API documentation. */
  | 'public';

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess;
  readonly schema: RouteOptions['schema'];
  readonly bodyLimit: number | undefined;
}

const accessTag = Symbol('route-access');
type TaggedGuard = { [accessTag]?: RouteAccess };

/** Marks a guard (an onRequest hook) with the access it grants. */
export function guard<T extends (...args: never[]) => unknown>(access: RouteAccess, hook: T): T {
  return Object.assign(hook, { [accessTag]: access });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** For routes without a guard: why no key is asked. */
    access?: Extract<RouteAccess, 'public' | 'signed-webhook'>;
  }
  interface FastifyInstance {
    readonly routeTable: readonly RouteEntry[];
  }
}

function accessOf(route: RouteOptions): RouteAccess | undefined {
  const hooks = [route.onRequest].flat().filter((hook) => hook !== undefined) as TaggedGuard[];
  const guarded = hooks.map((hook) => hook[accessTag]).find((access) => access !== undefined);
  return guarded ?? (route.config as { access?: RouteAccess } | undefined)?.access;
}

/**
 * Collects every route as it is registered and refuses one that does not say who may call it. The
 * documentation UI's own routes (registered by a plugin under /docs) are public by nature.
 */
export function recordRouteTable(
  app: FastifyInstance,
  options: { readonly publicPrefixes: readonly string[] },
) {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const isDocs = options.publicPrefixes.some((prefix) => route.url.startsWith(prefix));
    const access = accessOf(route) ?? (isDocs ? 'public' : undefined);
    if (access === undefined) {
      throw new Error(`route ${methods.join(',')} ${route.url} declares no access (guard or config.access)`);
    }
    for (const method of methods) {
      if (method === 'HEAD') continue;
      table.push({ method, url: route.url, access, schema: route.schema, bodyLimit: route.bodyLimit });
    }
  });
}
