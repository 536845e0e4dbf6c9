import { loadConfig } from './config.js';
import { productionOptions, stopOnSignals } from './production-options.js';
import { startStack } from './stack.js';

/** The worker process: Temporal workflows and activities, plus the starter that turns orders into workflows. */
const config = loadConfig();
const options = productionOptions(config, { api: false, worker: true });
const stack = await startStack(options);
console.log(`Autofactuur worker polling task queue ${config.TEMPORAL_TASK_QUEUE}`);
stopOnSignals(async () => {
  await stack.stop();
  options.mailer.close();
});
