import {
  ApplicationFailure,
  type LogLevel,
  type LogMetadata,
  type Logger as SdkLogger,
} from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import type { Logger } from './logger.js';

/**
 * Failures the workflows handle by design — a refused order, VIES being down, a lost race — retried,
 * held or parked for a person. One line each says which and why; a stack trace would only bury the
 * failures that are bugs.
 */
const EXPECTED_FAILURES = new Set([
  'ValidationError',
  'DependencyUnavailableError',
  'NotFoundError',
  'ConflictError',
  'ConcurrencyError',
]);

const METHODS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** The Temporal SDK's logger (worker, activities, workflows, and the forwarded Core logs) as JSON lines. */
export class TemporalJsonLogger implements SdkLogger {
  constructor(private readonly logger: Logger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    this.logger[METHODS[level]](meta === undefined ? {} : withFailure(meta), message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/** The SDK passes a failure as `error` or `err`: an expected one as `{ type, message }`, a bug with its stack. */
function withFailure(meta: LogMetadata): Record<string, unknown> {
  const { error, err, ...rest } = meta;
  const failure = error ?? err;
  if (failure === undefined) return rest;
  const type =
    failure instanceof ApplicationFailure
      ? failure.type
      : failure instanceof Error
        ? failure.name
        : undefined;
  if (type != null && EXPECTED_FAILURES.has(type) && failure instanceof Error) {
    return { ...rest, failure: { type, message: failure.message } };
  }
  return { ...rest, err: failure };
}

/**
 * The Runtime is a process-wide singleton, created by the first worker or native connection: call
 * this first thing in a process that runs a worker.
 */
export function installTemporalLogging(logger: Logger): void {
  Runtime.install({
    logger: new TemporalJsonLogger(logger),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
  });
}
