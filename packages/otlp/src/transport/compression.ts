import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

/** Request body compression. `zstd` is beyond the OTLP spec's gzip | none; the Collector accepts it. */
export type Compression = 'gzip' | 'zstd' | 'none';

/** What a target does to each request body before it goes on the wire. */
export interface Compressor {
  /** The `Content-Encoding` (HTTP) or `grpc-encoding` it produces; undefined for none. */
  readonly encoding: 'gzip' | 'zstd' | undefined;
  compress(body: Uint8Array): Promise<Uint8Array>;
}

const COMPRESSIONS: readonly string[] = ['gzip', 'zstd', 'none'];
/** Levels each codec takes, and zlib's own default (what applies when no level is given). */
const LEVELS = { gzip: { min: 1, max: 9, default: 6 }, zstd: { min: 1, max: 22, default: 3 } } as const;

const gzipAsync = promisify(zlib.gzip);

function isCompression(value: unknown): value is Compression {
  return typeof value === 'string' && COMPRESSIONS.includes(value);
}

/** Checks the options at set-up: an unknown codec, a level out of range or zstd on a Node without it is a TypeError. */
export function resolveCompressor(compression: unknown, level: unknown, component: string): Compressor {
  if (!isCompression(compression)) {
    throw new TypeError(`${component}: compression must be 'gzip', 'zstd' or 'none'; got ${JSON.stringify(compression)}`);
  }
  if (compression === 'none') return { encoding: undefined, compress: async (body) => body };
  const range = LEVELS[compression];
  const chosen = level ?? range.default;
  if (typeof chosen !== 'number' || !Number.isInteger(chosen) || chosen < range.min || chosen > range.max) {
    throw new TypeError(
      `${component}: compressionLevel for ${compression} must be an integer from ${range.min} to ${range.max}; got ${String(level)}`,
    );
  }
  return compression === 'gzip' ? gzipCompressor(chosen) : zstdCompressor(chosen, component);
}

function gzipCompressor(level: number): Compressor {
  const options: zlib.ZlibOptions = { level };
  return { encoding: 'gzip', compress: (body) => gzipAsync(body, options) };
}

function zstdCompressor(level: number, component: string): Compressor {
  if (typeof zlib.zstdCompress !== 'function') {
    throw new TypeError(`${component}: compression 'zstd' needs a Node.js whose zlib has zstd (22.15 or later)`);
  }
  const zstdAsync = promisify(zlib.zstdCompress);
  const options: zlib.ZstdOptions = { params: { [zlib.constants.ZSTD_c_compressionLevel]: level } };
  return { encoding: 'zstd', compress: (body) => zstdAsync(body, options) };
}
