import { type DestinationStream, type Level, type Logger, pino } from 'pino';

export type { Logger } from 'pino';
export type LogLevel = Level | 'silent';

/**
 * Secrets never reach a log line, even when someone logs a whole request or channel object:
 * the header that carries API keys, cookies, and every field the API uses for keys and credentials.
 */
const REDACTED_PATHS = [
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-api-key"]',
  '*.headers["set-cookie"]',
  'apiKey',
  '*.apiKey',
  'adminApiKey',
  '*.adminApiKey',
  'credentials',
  '*.credentials',
  'secret',
  '*.secret',
  '*.webhookSecret',
  '*.consumerSecret',
  '*.clientSecret',
  '*.accessToken',
  'password',
  '*.password',
  // Temporal adds it to activity log lines; whoever holds it can complete the activity.
  'taskToken',
];

/**
 * Our API keys have a recognisable prefix (`generateApiKey`); one that slipped into a message, a URL
 * or a request id is masked in the finished line as a last line of defence.
 */
const API_KEY_PATTERN = /afk_[A-Za-z0-9_-]{8,}/g;

/**
 * JSON lines to stdout (or `destination`): one object per line with `level` as a word and an ISO
 * time, so any log shipper can read them without configuration.
 */
export function createLogger(options: {
  readonly level: LogLevel;
  /** Which process wrote the line (`api`, `worker`). */
  readonly name?: string;
  readonly destination?: DestinationStream;
}): Logger {
  return pino(
    {
      level: options.level,
      ...(options.name === undefined ? {} : { name: options.name }),
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: (line) => line.replace(API_KEY_PATTERN, 'afk_[REDACTED]') },
    },
    options.destination ?? pino.destination(1),
  );
}
