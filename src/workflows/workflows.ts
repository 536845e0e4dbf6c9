/** The worker's workflow bundle: every workflow type the task queue runs. */
export { invoiceOrder, processCreditNote } from './invoice-order.workflow.js';
export { syncChannel } from './sync-channel.workflow.js';
