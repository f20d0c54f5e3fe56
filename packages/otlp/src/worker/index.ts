export { snapshotRecord } from './snapshot.ts';
export type { BatchEncoder, EncodedBatch } from './batch-encoder.ts';
export type { BatchEncoderOptions } from './encode-options.ts';
export type { FilterSpec } from './filter-spec.ts';
export { EncodeWorker } from './encode-worker.ts';
export { InThreadEncoder } from './in-thread-encoder.ts';
