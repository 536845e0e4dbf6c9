import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
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

export function sendProblem(reply: FastifyReply, problem: HttpProblem): FastifyReply {
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

/** One place maps every error to problem+json; 5xx never reveal internals. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, notFound(`No route for ${request.method} ${request.url}`)),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem);
  });
}

function toProblem(error: FastifyError): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = error.validationContext ?? 'body';
    const errors = error.validation.map((issue) => ({
      field: fieldPath(context, issue.instancePath),
      message: issue.message ?? 'is invalid',
    }));
    return new HttpProblem(
      400,
      'validation-failed',
      'Validation Failed',
      'The request is invalid; nothing was stored.',
      errors,
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
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new HttpProblem(error.statusCode, 'bad-request', 'Bad Request', error.message);
  }
  return new HttpProblem(500, 'internal-error', 'Internal Server Error', 'Something went wrong on our side.');
}

/** `body` + `/lines/0/quantity` → `lines.0.quantity`; other parts keep their prefix (`querystring.limit`). */
function fieldPath(context: string, instancePath: string): string {
  const path = instancePath.split('/').filter(Boolean).join('.');
  if (context === 'body') return path === '' ? 'body' : path;
  return path === '' ? context : `${context}.${path}`;
}
