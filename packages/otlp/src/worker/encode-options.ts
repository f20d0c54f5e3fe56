import type { OtlpEncoding } from '@logweave/core';
import { resolveCompressor, type Compression } from '../transport/compression.ts';
import { resolveFilterSpec, type FilterSpec, type ResolvedFilterSpec } from './filter-spec.ts';

/** Options of EncodeWorker and InThreadEncoder (one shape: either can stand in for the other). */
export interface BatchEncoderOptions {
  /** @default 'protobuf' */
  encoding?: OtlpEncoding;
  /** Applied to the encoded request. @default 'none' */
  compression?: Compression;
  /** gzip 1–9, zstd 1–22. @default 6 for gzip, 3 for zstd (zlib's own defaults) */
  compressionLevel?: number;
  /** A ValueFilter for bodies and attribute values, imported where the encoding runs. @default undefined */
  filter?: FilterSpec;
  /**
   * Batches handed to the encoder and not yet answered; `encode()` beyond it waits for a slot
   * (its promise settles later: that is the back-pressure). @default 2
   */
  maxInFlightBatches?: number;
}

/** What the encoding side needs: plain data, sent to a worker as its workerData. */
export interface EncodeSettings {
  readonly encoding: OtlpEncoding;
  readonly compression: Compression;
  readonly compressionLevel: number | undefined;
  readonly filter: ResolvedFilterSpec | undefined;
}

export interface ResolvedBatchEncoderOptions {
  readonly settings: EncodeSettings;
  readonly maxInFlightBatches: number;
  readonly contentType: 'application/x-protobuf' | 'application/json';
  readonly contentEncoding: 'gzip' | 'zstd' | undefined;
}

/** Checks the options at set-up: a TypeError naming `component` and the option. */
export function resolveBatchEncoderOptions(options: BatchEncoderOptions = {}, component: string): ResolvedBatchEncoderOptions {
  const encoding = options.encoding ?? 'protobuf';
  if (encoding !== 'protobuf' && encoding !== 'json') {
    throw new TypeError(`${component}: encoding must be 'protobuf' or 'json'; got ${String(encoding)}`);
  }
  const compression = options.compression ?? 'none';
  // Checked here, so that a bad codec or level fails at set-up and not in the worker.
  const { encoding: contentEncoding } = resolveCompressor(compression, options.compressionLevel, component);
  const maxInFlightBatches = options.maxInFlightBatches ?? 2;
  if (!Number.isInteger(maxInFlightBatches) || maxInFlightBatches < 1) {
    throw new TypeError(`${component}: maxInFlightBatches must be an integer ≥ 1; got ${String(maxInFlightBatches)}`);
  }
  return {
    settings: { encoding, compression, compressionLevel: options.compressionLevel, filter: resolveFilterSpec(options.filter, component) },
    maxInFlightBatches,
    contentType: encoding === 'json' ? 'application/json' : 'application/x-protobuf',
    contentEncoding,
  };
}
