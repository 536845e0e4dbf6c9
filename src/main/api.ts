import { loadConfig } from './config.js';
import { productionOptions, stopOnSignals } from './production-options.js';
import { startStack } from './stack.js';

/** The API process: HTTP + read-model projections. Scale out freely; projections lock their checkpoint. */
const config = loadConfig();
const options = productionOptions(config, { api: true, worker: false });
const stack = await startStack(options);
await stack.app!.listen({ port: config.PORT, host: config.HOST });
console.log(`Autofactuur API listening on :${config.PORT}`);
stopOnSignals(async () => {
  await stack.stop();
  options.mailer.close();
});
