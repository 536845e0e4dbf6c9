import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../adapters/db/database.js';
import { authenticate, type Principal } from '../application/api-keys.js';
import { forbidden, unauthorized } from './problem.js';

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
  const tenantKey = (allowAccountant: boolean) => async (request: FastifyRequest, _reply: FastifyReply) => {
    const key = bearer(request);
    const principal = key === undefined ? undefined : await authenticate(db, key);
    if (principal === undefined) throw unauthorized();
    if (principal.role !== 'merchant' && !allowAccountant) {
      throw forbidden('This API key is read-only (accountant role).');
    }
    request.principal = principal;
  };
  return {
    /** merchant keys only: everything that writes. */
    merchant: tenantKey(false),
    /** merchant or accountant keys: reads of invoices, reports, exports. */
    reader: tenantKey(true),
    /** the operator key: tenant management. */
    admin: async (request: FastifyRequest, _reply: FastifyReply) => {
      const key = bearer(request);
      if (key === undefined) throw unauthorized();
      if (adminApiKey !== undefined && sameSecret(key, adminApiKey)) return;
      // A valid key of the wrong kind is known but not allowed (403); only an unknown key is 401.
      if ((await authenticate(db, key)) !== undefined) {
        throw forbidden('A tenant API key cannot do this; it needs the operator key (ADMIN_API_KEY).');
      }
      throw unauthorized();
    },
  };
}
export type Auth = ReturnType<typeof createAuth>;

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const principalOf = (request: FastifyRequest): Principal => {
  if (request.principal === undefined) throw unauthorized();
  return request.principal;
};
