import { createRequire } from 'node:module';
import { NativeConnection, Worker } from '@temporalio/worker';
import { type ActivityDependencies, createActivities } from '../workflows/activities.js';
import {
  type ChannelActivityDependencies,
  createChannelActivities,
} from '../workflows/channel-activities.js';

const require = createRequire(import.meta.url);

/** A Temporal worker for the invoicing task queue: the workflow bundle plus our activities. */
export async function createInvoicingWorker(options: {
  address: string;
  namespace: string;
  taskQueue: string;
  deps: ActivityDependencies & ChannelActivityDependencies;
}): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowsPath: require.resolve('../workflows/workflows.ts'),
    activities: { ...createActivities(options.deps), ...createChannelActivities(options.deps) },
    maxConcurrentActivityTaskExecutions: 50,
  });
  return { worker, connection };
}
