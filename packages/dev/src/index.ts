export { startDevReceiver, type DevReceiver, type DevReceiverStats } from './dev-receiver.ts';
export type { DevReceiverOptions } from './options.ts';
export { formatRecord, KEY_ATTRIBUTES, type FormatOptions } from './format-record.ts';
export type { PipelineHealth } from './internal/pipeline-health.ts';
