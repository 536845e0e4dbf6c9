import { SmtpMailer } from '../adapters/mail/smtp-mailer.js';
import { AesGcmSecretBox } from '../adapters/secrets/aes-gcm-secret-box.js';
import type { Config } from './config.js';
import type { StackOptions } from './stack.js';
import { viesFromConfig } from './vies.js';

/** Options of the production-shaped processes (docker compose): PostgreSQL + EventStoreDB + Temporal. */
export function productionOptions(
  config: Config,
  run: StackOptions['run'],
): StackOptions & { mailer: SmtpMailer } {
  if (config.DATABASE_URL === undefined) throw new Error('DATABASE_URL is required');
  if (config.SMTP_URL === undefined) throw new Error('SMTP_URL is required');
  if (config.EVENT_STORE === 'eventstoredb' && config.EVENTSTORE_CONNECTION_STRING === undefined) {
    throw new Error('EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb');
  }
  return {
    database: { kind: 'postgres', url: config.DATABASE_URL },
    ...(config.EVENT_STORE === 'eventstoredb'
      ? { eventStoreDbConnectionString: config.EVENTSTORE_CONNECTION_STRING! }
      : {}),
    documentDir: config.DOCUMENT_DIR ?? `${config.DATA_DIR}/documents`,
    temporal: {
      address: config.TEMPORAL_ADDRESS,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
    },
    ...(config.ADMIN_API_KEY === undefined ? {} : { adminApiKey: config.ADMIN_API_KEY }),
    run,
    mailer: new SmtpMailer(config.SMTP_URL, config.MAIL_FROM),
    vatIdVerifier: viesFromConfig(config),
    // Empty counts as unset: compose passes `${SECRETS_KEYS:-}` through.
    ...(config.SECRETS_KEYS === undefined || config.SECRETS_KEYS.trim() === ''
      ? {}
      : { secrets: AesGcmSecretBox.fromEnvironment(config.SECRETS_KEYS) }),
    ...(config.PUBLIC_BASE_URL === undefined ? {} : { publicBaseUrl: config.PUBLIC_BASE_URL }),
    rateLimit: { maxPerMinute: config.RATE_LIMIT_PER_MINUTE },
    platformAddresses: config.CHANNEL_PRIVATE_ADDRESSES ? 'any' : 'public',
  };
}

/** Stops the process cleanly on Ctrl-C / docker stop. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down…`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}
