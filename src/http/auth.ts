import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../adapters/db/database.js';
import { authenticate, type Principal } from '../application/api-keys.js';
import { forbidden, unauthorized } from './problem.js';
import { guard } from './route-table.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const bearer = (request: FastifyRequest) => {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
};

/** Per-route guards (attached explicitly on each route, never by URL prefix). */
export function createAuth(db: Db, adminApiKey: string | undefined) {
  // One lookup per request, shared by the rate limiter (which runs first) and the route's guard.
  const lookups = new WeakMap<FastifyRequest, Promise<Principal | 'operator' | undefined>>();
  const callerOf = (request: FastifyRequest) => {
    let lookup = lookups.get(request);
    if (lookup === undefined) {
      const key = bearer(request);
      lookup =
        key === undefined
          ? Promise.resolve(undefined)
          : adminApiKey !== undefined && sameSecret(key, adminApiKey)
            ? Promise.resolve('operator' as const)
            : authenticate(db, key);
      lookups.set(request, lookup);
    }
    return lookup;
  };
  const tenantKey = (allowAccountant: boolean) => async (request: FastifyRequest, _reply: FastifyReply) => {
    const principal = await callerOf(request);
    if (principal === undefined || principal === 'operator') throw unauthorized();
    if (principal.role !== 'merchant' && !allowAccountant) {
      throw forbidden('This API key is read-only (accountant role).');
    }
    request.principal = principal;
  };
  return {
    /** merchant keys only: everything that writes. */
    merchant: guard('merchant', tenantKey(false)),
    /** merchant or accountant keys: reads of invoices, reports, exports. */
    reader: guard('reader', tenantKey(true)),
    /** the operator key: tenant management. */
    admin: guard('operator', async (request: FastifyRequest, _reply: FastifyReply) => {
      const caller = await callerOf(request);
      if (caller === 'operator') return;
      // A valid key of the wrong kind is known but not allowed (403); only an unknown key is 401.
      if (caller !== undefined) {
        throw forbidden('A tenant API key cannot do this; it needs the operator key (ADMIN_API_KEY).');
      }
      throw unauthorized();
    }),
    /** Who is calling, for per-caller budgets: `key:<id>`, `operator`, or undefined for no valid key. */
    callerId: async (request: FastifyRequest): Promise<string | undefined> => {
      const caller = await callerOf(request);
      return caller === undefined || caller === 'operator' ? caller : `key:${caller.keyId}`;
    },
  };
}
export type Auth = ReturnType<typeof createAuth>;

/** Constant time, also in the length: both sides are hashed to 32 bytes before they are compared. */
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export const principalOf = (request: FastifyRequest): Principal => {
  if (request.principal === undefined) throw unauthorized();
  return request.principal;
};
