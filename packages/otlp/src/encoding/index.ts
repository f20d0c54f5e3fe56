export type { EncodableRecord, EncoderOptions, LogsEncoder } from './encoder.ts';
export { protobufEncoder } from './protobuf-encoder.ts';
export { jsonEncoder } from './json-encoder.ts';
export { officialEncoder } from './official-encoder.ts';
