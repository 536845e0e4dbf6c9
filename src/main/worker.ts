import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { productionOptions, stopOnSignals } from './production-options.js';
import { startStack } from './stack.js';
import { installTemporalLogging } from './temporal-logging.js';

/** The worker process: Temporal workflows and activities, plus the starter that turns orders into workflows. */
const config = loadConfig();
const logger = createLogger({ level: config.LOG_LEVEL, name: 'worker' });
installTemporalLogging(logger);
const options = productionOptions(config, { api: false, worker: true });
const stack = await startStack({ ...options, logger });
logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'Autofactuur worker polling its task queue');
stopOnSignals(async () => {
  await stack.stop();
  options.mailer.close();
});
