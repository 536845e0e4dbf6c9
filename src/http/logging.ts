import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's id is kept only when it is a plain token: nothing that could forge or break a log line. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's `genReqId`: the caller's `X-Request-Id` when sane (to follow a request across systems), else a UUID. */
export function requestId(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** What the completion line says about a failed request; never a stack (that is logged for bugs only). */
export interface FailureSummary {
  readonly type: string;
  readonly detail?: string;
  readonly fields?: readonly string[];
  /** An error we did not anticipate: logged at `error`, with its stack, when it happens. */
  readonly unexpected: boolean;
}

const failures = new WeakMap<FastifyRequest, FailureSummary>();
/** The field list in a log line is capped: a 1000-line order can fail on thousands of fields. */
const MAX_LOGGED_FIELDS = 20;

export function rememberFailure(request: FastifyRequest, failure: FailureSummary): void {
  failures.set(request, {
    ...failure,
    ...(failure.fields === undefined ? {} : { fields: failure.fields.slice(0, MAX_LOGGED_FIELDS) }),
  });
}

/** Sends the request id back to the caller, so a support question can quote it. */
export function echoRequestId(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    return payload;
  });
}

/**
 * One JSON line per request when its answer is sent — method, route, status, time, tenant and, for a
 * failure, what went wrong — at `info` for successes, `warn` for refusals and expected outages
 * (4xx, 503), `error` for bugs (whose stack the error handler logged when they happened). Replaces
 * Fastify's two lines per request; headers and bodies are never logged.
 */
export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ method: request.method, url: request.url }, 'request received');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const failure = failures.get(request);
    const line = {
      method: request.method,
      url: request.url,
      route: request.routeOptions.url,
      statusCode: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
      ...(request.principal === undefined ? {} : { tenantId: request.principal.tenantId }),
      ...(failure === undefined
        ? {}
        : { failure: { type: failure.type, detail: failure.detail, fields: failure.fields } }),
    };
    // `error`: the answer itself broke off (a stream failed half-way), after the error handler's turn.
    if (error != null) request.log.error({ ...line, err: error }, 'request completed');
    else if (failure?.unexpected === true) request.log.error(line, 'request completed');
    else if (reply.statusCode >= 400) request.log.warn(line, 'request completed');
    else request.log.info(line, 'request completed');
  }
}
