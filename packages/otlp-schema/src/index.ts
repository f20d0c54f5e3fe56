export { decodeLogsRequest, OtlpDecodeError, type DecodedLogsRequest, type OtlpEncoding } from './decode.ts';
export { encodeLogsResponse, decodeLogsResponse, type PartialSuccess } from './response.ts';
export { flattenRequest, anyValue, type ReceivedLogRecord } from './received-record.ts';
export { logsProto } from './internal/logs-proto.ts';
