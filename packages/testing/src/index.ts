export { memorySink, type MemorySink } from './memory-sink.ts';
export {
  startOtlpReceiver,
  type OtlpReceiver,
  type OtlpReceiverOptions,
  type ReceivedRequest,
} from './receiver.ts';
export {
  decodeLogsRequest,
  OtlpDecodeError,
  type DecodedLogsRequest,
  type OtlpEncoding,
  type ReceivedLogRecord,
} from '@logweave/otlp-schema';
export type { Fault } from './faults.ts';
