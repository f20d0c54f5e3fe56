export { startDevReceiver, type DevReceiverOptions } from './dev-receiver.ts';
export { formatRecord, KEY_ATTRIBUTES, type FormatOptions } from './format-record.ts';
