import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { createChannelAdapters } from '../adapters/channels/channel-adapters.js';
import { connectDatabase, type DatabaseConfig, migrateToLatest } from '../adapters/db/connect.js';
import type { Db } from '../adapters/db/database.js';
import { FileDocumentStore } from '../adapters/documents/file-document-store.js';
import { einvoiceDocumentCheck } from '../adapters/einvoice-validation/einvoice-document-check.js';
import { EventStoreDbEventStore } from '../adapters/event-store/eventstoredb-event-store.js';
import { PostgresEventStore } from '../adapters/event-store/postgres-event-store.js';
import { anyAddress, publicAddressesOnly } from '../adapters/http/platform-address-check.js';
import { AggregateStateCache } from '../application/command-handler.js';
import type { AppDependencies } from '../application/dependencies.js';
import { KeyedMutex } from '../application/keyed-mutex.js';
import type { ChannelAdapters } from '../domain/ports/channel-adapters.js';
import type { EventStore } from '../domain/ports/event-store.js';
import type { Mailer } from '../domain/ports/mailer.js';
import type { SecretBox } from '../domain/ports/secret-box.js';
import type { VatIdVerifier } from '../domain/vat/vat-id/vat-id-verifier.js';
import { buildApp } from '../http/app.js';
import type { RateLimitSettings } from '../http/security.js';
import { apiKeysProjection } from '../projections/api-keys/api-keys-projection.js';
import { channelsProjection } from '../projections/channels/channels-projection.js';
import { messageChain } from '../projections/failures.js';
import { invoicesProjection } from '../projections/invoices/invoices-projection.js';
import { ledgerProjection } from '../projections/ledger/ledger-projection.js';
import { ordersProjection } from '../projections/orders/orders-projection.js';
import { replayProjectionFailures } from '../projections/replay-failures.js';
import { ProjectionRunner } from '../projections/runner.js';
import { InvoicingStarter } from '../workflows/invoicing-starter.js';
import { createInvoicingWorker } from './invoicing-worker.js';
import { createLogger, type Logger } from './logger.js';
import { randomIds, systemClock } from './system-clock.js';

export const readModelProjections = [
  ordersProjection,
  invoicesProjection,
  apiKeysProjection,
  ledgerProjection,
  channelsProjection,
];

export interface StackOptions {
  readonly database: DatabaseConfig;
  /** undefined = events in the same PostgreSQL/PGlite database as the read models. */
  readonly eventStoreDbConnectionString?: string;
  readonly documentDir: string;
  readonly temporal: { readonly address: string; readonly namespace: string; readonly taskQueue: string };
  readonly adminApiKey?: string;
  /** The API process serves HTTP and maintains the read models; the worker runs workflows. */
  readonly run: { readonly api: boolean; readonly worker: boolean };
  readonly mailer: Mailer;
  readonly vatIdVerifier: VatIdVerifier;
  readonly projectionPollIntervalMs?: number;
  /** Seals channel credentials; without it channel connections are switched off. */
  readonly secrets?: SecretBox;
  /** The platform adapters of channel connections; default: the real ones (WooCommerce, Shopify, bol). */
  readonly channelAdapters?: (secrets: SecretBox) => ChannelAdapters;
  readonly publicBaseUrl?: string;
  /** Which shop addresses merchants may connect: `public` (default) or `any` (local stand-ins in development and tests). */
  readonly platformAddresses?: 'public' | 'any';
  /** Requests per API key per minute; undefined = unlimited. */
  readonly rateLimit?: RateLimitSettings;
  /** Where the API's JSON log lines go (src/main/logger.ts); absent = silent (tests, benchmarks). */
  readonly logger?: Logger;
}

export interface Stack {
  readonly db: Db;
  readonly eventStore: EventStore;
  readonly app: FastifyInstance | undefined;
  readonly deps: AppDependencies;
  readonly projections: ProjectionRunner | undefined;
  readonly temporalClient: Client;
  stop(): Promise<void>;
}

/** The one place that wires adapters to ports; the entry points only choose options. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const db = await connectDatabase(options.database);
  await migrateToLatest(db);
  const eventStore: EventStore =
    options.eventStoreDbConnectionString === undefined
      ? new PostgresEventStore(db, { pollIntervalMs: options.projectionPollIntervalMs ?? 100 })
      : new EventStoreDbEventStore(options.eventStoreDbConnectionString);
  const documents = new FileDocumentStore(options.documentDir);
  const deps: AppDependencies = { eventStore, db, clock: systemClock, ids: randomIds };
  // One cache and lock per process for the hot streams (series, distance sales), shared by API and worker.
  const streams = {
    streamCache: new AggregateStateCache(),
    streamLock: new KeyedMutex(),
    documentCheck: einvoiceDocumentCheck,
  };
  const stoppers: (() => Promise<void>)[] = [];
  const channels =
    options.secrets === undefined
      ? undefined
      : {
          secrets: options.secrets,
          adapters: (options.channelAdapters ?? createChannelAdapters)(options.secrets),
          addressCheck: options.platformAddresses === 'any' ? anyAddress : publicAddressesOnly,
        };
  // Without a logger (tests, benchmarks) the background loops keep reporting to the console.
  const log = options.logger;

  const connection = await Connection.connect({ address: options.temporal.address });
  const temporalClient = new Client({ connection, namespace: options.temporal.namespace });
  stoppers.push(() => connection.close());

  let projections: ProjectionRunner | undefined;
  let app: FastifyInstance | undefined;
  if (options.run.api) {
    projections = new ProjectionRunner({
      db,
      eventStore,
      projections: readModelProjections,
      pollIntervalMs: options.projectionPollIntervalMs ?? 100,
      onError: log && ((error) => log.error({ err: error }, 'projection runner failed')),
      onPoison:
        log &&
        (({ recorded, error }) =>
          log.error(
            {
              position: String(recorded.position),
              stream: recorded.stream,
              type: recorded.type,
              failure: messageChain(error),
            },
            'projection failure recorded; its stream is held back until replayed',
          )),
    });
    projections.start();
    const runner = projections;
    stoppers.push(() => runner.stop());
    app = await buildApp(
      {
        app: deps,
        numbering: streams,
        documents,
        adminApiKey: options.adminApiKey,
        readModels: projections,
        ...(channels === undefined ? {} : { channels }),
        ...(options.publicBaseUrl === undefined ? {} : { publicBaseUrl: options.publicBaseUrl }),
        ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
        operations: {
          checkTemporal: async () => {
            await connection.healthService.check({});
          },
          replayProjectionFailures: (filter) =>
            replayProjectionFailures(db, eventStore, readModelProjections, filter),
        },
      },
      { logger: log ?? createLogger({ level: 'silent' }) },
    );
    const server = app;
    stoppers.push(() => server.close());
  }

  let worker: Worker | undefined;
  if (options.run.worker) {
    const created = await createInvoicingWorker({
      ...options.temporal,
      deps: {
        eventStore,
        clock: systemClock,
        ids: randomIds,
        documents,
        mailer: options.mailer,
        vatIdVerifier: options.vatIdVerifier,
        db,
        ...streams,
        secrets: channels?.secrets ?? channelsSwitchedOff,
        channels: channels?.adapters ?? channelAdaptersSwitchedOff,
      },
    });
    worker = created.worker;
    const running = worker.run();
    stoppers.push(async () => {
      // The SDK starts draining by itself on SIGINT/SIGTERM; only ask when it has not.
      if (created.worker.getState() === 'RUNNING') created.worker.shutdown();
      await running;
      await created.connection.close();
    });
    const starter = new InvoicingStarter(
      { db, eventStore, client: temporalClient, taskQueue: options.temporal.taskQueue },
      log && ((error) => log.error({ err: error }, 'invoicing starter failed')),
    );
    await starter.start();
    stoppers.push(() => starter.stop());
  }

  return {
    db,
    eventStore,
    app,
    deps,
    projections,
    temporalClient,
    stop: async () => {
      for (const stop of stoppers.reverse()) await stop();
      await eventStore.close();
      await db.destroy();
    },
  };
}

const switchedOff = (): never => {
  throw new Error('Channel connections are switched off: set SECRETS_KEYS');
};
/** Without SECRETS_KEYS no connection can exist, so these are never reached; they say why if they are. */
const channelsSwitchedOff: SecretBox = { seal: switchedOff, open: switchedOff };
const channelAdaptersSwitchedOff: ChannelAdapters = { clientFor: switchedOff, webhooksFor: switchedOff };
