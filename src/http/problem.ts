import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ConcurrencyError,
  ConflictError,
  DependencyUnavailableError,
  type FieldError,
  NotFoundError,
  ValidationError,
} from '../domain/shared/errors.js';
import { rememberFailure } from './logging.js';

/** RFC 9457 problem details, with a field-level `errors` list for validation failures. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

const PROBLEM_BASE = 'https://autofactuur.dev/problems/';

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: readonly FieldError[],
  ) {
    super(detail ?? title);
  }
}

export const unauthorized = () =>
  new HttpProblem(
    401,
    'unauthorized',
    'Unauthorized',
    'Send a valid API key as "Authorization: Bearer <key>".',
  );
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Forbidden', detail);
export const notFound = (detail: string) => new HttpProblem(404, 'not-found', 'Not Found', detail);

/** RFC 9110 renamed some reason phrases that Node still spells the old way. */
const RFC_9110_TITLES: Readonly<Record<number, string>> = {
  413: 'Content Too Large',
  422: 'Unprocessable Content',
};
export const statusTitle = (status: number): string =>
  RFC_9110_TITLES[status] ?? STATUS_CODES[status] ?? 'Error';
const slugOf = (title: string) => title.toLowerCase().replace(/[^a-z]+/g, '-');

export function sendProblem(reply: FastifyReply, problem: HttpProblem, unexpected = false): FastifyReply {
  rememberFailure(reply.request, {
    type: problem.slug,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    ...(problem.errors === undefined ? {} : { fields: problem.errors.map((error) => error.field) }),
    unexpected,
  });
  const body: Problem = {
    type: `${PROBLEM_BASE}${problem.slug}`,
    title: problem.title,
    status: problem.status,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    instance: reply.request.url,
    ...(problem.errors === undefined ? {} : { errors: [...problem.errors] }),
  };
  return reply.code(problem.status).type('application/problem+json').send(body);
}

/**
 * One place maps every error to problem+json; 5xx never reveal internals. Expected failures are
 * summed up in the request's one log line; only a bug is logged with its stack.
 */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, notFound(`No route for ${request.method} ${request.url}`)),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error, request);
    if (problem === undefined) {
      request.log.error({ err: error }, 'unexpected error');
      return sendProblem(reply, internalError(), true);
    }
    return sendProblem(reply, problem);
  });
}

/**
 * For Fastify's `frameworkErrors` option: what the router refuses before any hook runs — a URL it
 * cannot decode ("%zz", "%ED%A0%80": 400) or a path parameter longer than it takes (414) — answered as
 * problem+json like every other error instead of Fastify's own JSON.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(error, request);
  return problem === undefined ? sendProblem(reply, internalError(), true) : sendProblem(reply, problem);
}

const internalError = () =>
  new HttpProblem(500, 'internal-error', 'Internal Server Error', 'Something went wrong on our side.');

/** The problem an anticipated error stands for; undefined for a bug. */
function toProblem(error: FastifyError, request: FastifyRequest): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new HttpProblem(
      400,
      'validation-failed',
      'Validation Failed',
      'The request is invalid; nothing was stored.',
      validationErrors(error, request),
    );
  }
  if (error instanceof ValidationError) {
    return new HttpProblem(400, 'validation-failed', 'Validation Failed', error.message, error.errors);
  }
  if (error instanceof NotFoundError) return notFound(error.message);
  if (error instanceof ConflictError || error instanceof ConcurrencyError) {
    return new HttpProblem(409, 'conflict', 'Conflict', error.message);
  }
  if (error instanceof DependencyUnavailableError) {
    return new HttpProblem(503, 'dependency-unavailable', 'Service Unavailable', error.message);
  }
  return requestProblem(error, request);
}

/** Fastify's own refusals (body parsing, limits), each with the title of its status. */
function requestProblem(error: FastifyError, request: FastifyRequest): HttpProblem | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HttpProblem(400, 'invalid-json', 'Bad Request', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpProblem(
        400,
        'invalid-json',
        'Bad Request',
        'The request body is empty, but its Content-Type says JSON.',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpProblem(
        415,
        'unsupported-media-type',
        statusTitle(415),
        'This endpoint does not accept a body of this Content-Type; send application/json.',
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpProblem(
        413,
        'content-too-large',
        statusTitle(413),
        `The request body is larger than the limit of ${request.routeOptions.bodyLimit} bytes.`,
      );
  }
  const status = error.statusCode;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  const title = statusTitle(status);
  return new HttpProblem(status, slugOf(title), title, error.message);
}

/** Fastify checks these parts of a request in this order, and stops at the first bad one. */
const REQUEST_PARTS = [
  { context: 'params', key: 'params' },
  { context: 'body', key: 'body' },
  { context: 'querystring', key: 'query' },
  { context: 'headers', key: 'headers' },
] as const;

/**
 * Every bad field of the request at once: the failing part's issues plus those of the parts Fastify
 * did not get to (a bad Idempotency-Key header is reported together with the body's errors).
 */
function validationErrors(
  error: {
    readonly validation: readonly { instancePath: string; message?: string }[];
    readonly validationContext?: string;
  },
  request: FastifyRequest,
): FieldError[] {
  const failed = error.validationContext ?? 'body';
  const errors: FieldError[] = error.validation.map((issue) => ({
    field: fieldPath(failed, issue.instancePath.split('/').filter(Boolean)),
    message: issue.message ?? 'is invalid',
  }));
  const schemas = request.routeOptions.schema;
  const unchecked = REQUEST_PARTS.slice(REQUEST_PARTS.findIndex((part) => part.context === failed) + 1);
  for (const { context, key } of unchecked) {
    const schema = schemas?.[context];
    if (!(schema instanceof z.ZodType)) continue;
    const result = schema.safeParse(request[key]);
    for (const issue of result.error?.issues ?? []) {
      errors.push({ field: fieldPath(context, issue.path.map(String)), message: issue.message });
    }
  }
  return errors;
}

/** `body` + `lines/0/quantity` → `lines.0.quantity`; other parts keep their prefix (`querystring.limit`). */
function fieldPath(context: string, segments: readonly string[]): string {
  const path = segments.join('.');
  if (context === 'body') return path === '' ? 'body' : path;
  return path === '' ? context : `${context}.${path}`;
}
