import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { productionOptions, stopOnSignals } from './production-options.js';
import { startStack } from './stack.js';

/** The API process: HTTP + read-model projections. Scale out freely; projections lock their checkpoint. */
const config = loadConfig();
const logger = createLogger({ level: config.LOG_LEVEL, name: 'api' });
const options = productionOptions(config, { api: true, worker: false });
const stack = await startStack({ ...options, logger });
await stack.app!.listen({ port: config.PORT, host: config.HOST });
stopOnSignals(async () => {
  await stack.stop();
  options.mailer.close();
});
