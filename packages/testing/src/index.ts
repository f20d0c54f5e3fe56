export { memorySink, type MemorySink } from './memory-sink.ts';
export {
  startOtlpReceiver,
  type OtlpReceiver,
  type OtlpReceiverOptions,
  type ReceivedRequest,
} from './receiver.ts';
export { decodeLogsRequest, OtlpDecodeError, type DecodedLogsRequest, type OtlpEncoding } from './decode.ts';
export type { Fault } from './faults.ts';
export type { ReceivedLogRecord } from './received-record.ts';
