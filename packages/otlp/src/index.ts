export { otlpSink } from './otlp-sink.ts';
export type { OtlpSinkOptions, OtlpProtocol } from './options.ts';
