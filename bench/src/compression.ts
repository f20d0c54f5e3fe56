/**
 * Child process of the bench: what compressing one OTLP/protobuf request costs and saves, for
 * the compressions an OTLP sink can use. The request is 10k realistic records after the full
 * stage set, encoded once by protobufEncoder(); each candidate compresses it whole, interleaved
 * with the others, in a steady loop (no forced GC).
 */
import { protobufEncoder } from '@logweave/otlp';
import { constants, gzipSync, zstdCompressSync } from 'node:zlib';
import { serveChild } from './child.ts';
import { sinkRecords } from './sink-records.ts';
import { summarize, type Summary } from './stats.ts';

export interface CompressionInput {
  records: number;
  runs: number;
  warmupRuns: number;
}

export interface CompressionRow {
  id: string;
  label: string;
  /** Process CPU per record to compress the request. */
  cpuNsPerRecord: Summary;
  bytesPerRecord: number;
}

function candidates(): Array<{ id: string; label: string; run: (request: Uint8Array) => Uint8Array }> {
  return [
    { id: 'none', label: 'none', run: (request) => request },
    { id: 'gzip-1', label: 'gzip level 1', run: (request) => gzipSync(request, { level: 1 }) },
    { id: 'gzip-6', label: 'gzip level 6 (zlib default)', run: (request) => gzipSync(request, { level: 6 }) },
    {
      id: 'zstd',
      label: 'zstd level 3 (zstd default)',
      run: (request) => zstdCompressSync(request, { params: { [constants.ZSTD_c_compressionLevel]: 3 } }),
    },
  ];
}

async function main(input: CompressionInput): Promise<CompressionRow[]> {
  const records = await sinkRecords(input.records);
  const request = protobufEncoder().encode(records);
  const all = candidates();
  const samples = all.map((): number[] => []);
  for (let round = 0; round < input.warmupRuns + input.runs; round++) {
    for (let k = 0; k < all.length; k++) {
      const index = (round + k) % all.length;
      const start = process.cpuUsage();
      all[index]!.run(request);
      const used = process.cpuUsage(start);
      if (round >= input.warmupRuns) samples[index]!.push(((used.user + used.system) * 1000) / records.length);
    }
  }
  return all.map((c, i) => ({
    id: c.id,
    label: c.label,
    cpuNsPerRecord: summarize(samples[i]!),
    bytesPerRecord: c.run(request).byteLength / records.length,
  }));
}

serveChild(main);
