import { z } from 'zod';

/** Every setting comes from the environment (README "Configuration"); parsed once at start-up. */
const configSchema = z.object({
  PORT: z.coerce.number().int().default(3000),
  HOST: z.string().default('0.0.0.0'),
  ADMIN_API_KEY: z.string().min(16).optional(),
  /** PostgreSQL server for read models (and events unless EVENT_STORE=eventstoredb). Unset = embedded PGlite. */
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./.data'),
  EVENT_STORE: z.enum(['postgres', 'eventstoredb']).default('postgres'),
  EVENTSTORE_CONNECTION_STRING: z.string().optional(),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('invoicing'),
  TEMPORAL_CLI_PATH: z.string().optional(),
  TEMPORAL_UI_PORT: z.coerce.number().int().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_SINK_PORT: z.coerce.number().int().default(2525),
  MAIL_FROM: z.string().default('Autofactuur <facturen@autofactuur.local>'),
  DOCUMENT_DIR: z.string().optional(),
  /** EU VIES REST service that verifies buyers' VAT IDs. */
  VIES_URL: z.string().default('https://ec.europa.eu/taxation_customs/vies/rest-api'),
  /** Our own VAT ID as VIES requester, so each check returns a consultation number (proof for ICL). */
  VIES_REQUESTER_VAT_ID: z.string().optional(),
  DEMO_API_KEY: z.string().min(16).optional(),
  /**
   * Keys that seal channel credentials: "<id>:<base64 of 32 bytes>[,<older id>:<…>]"; the first
   * seals, all open (rotation). Unset in production = channel connections are switched off.
   */
  SECRETS_KEYS: z.string().optional(),
  /** How shops reach this API, for the webhook URLs of channel connections. */
  PUBLIC_BASE_URL: z.string().optional(),
  /**
   * Requests per API key (per client address without a valid key) per minute, per API process. A
   * bulk import of 10,000 orders at the default takes under two minutes.
   */
  /**
   * Allow channel connections to shops on private or local addresses (a shop on the same network,
   * or stand-ins in development). Off: a merchant cannot point our workers at internal services.
   */
  CHANNEL_PRIVATE_ADDRESSES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(6000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}
