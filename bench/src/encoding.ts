/**
 * Child process of the bench: OTLP encoding of 10k realistic records (what a sink receives after
 * the full stage set) by the official @opentelemetry/otlp-transformer serializers and by
 * logweave's encoders, with the JSON.stringify floors of equivalent plain objects. Runs are
 * interleaved in this one process, in a steady loop: no forced GC, so that each encoder pays for
 * the garbage it makes, as it would in a service.
 */
import type { LogRecordLike } from '@logweave/core';
import { jsonEncoder, officialEncoder, protobufEncoder } from '@logweave/otlp';
import { serveChild } from './child.ts';
import { sinkRecords } from './sink-records.ts';
import { summarize, type Summary } from './stats.ts';

export interface EncodingInput {
  records: number;
  runs: number;
  warmupRuns: number;
}

export interface EncodingRow {
  id: string;
  label: string;
  recordsPerSecond: Summary;
  /** Bytes of one output, to show the candidates encode the same thing. */
  bytes: number;
}

/** The record's own fields as one flat plain object each: the floor issue 14 names. */
function plainRecords(records: readonly LogRecordLike[]): object[] {
  return records.map((r) => ({
    resource: r.resource.attributes,
    scope: { name: r.instrumentationScope.name, version: r.instrumentationScope.version },
    time: r.hrTime,
    observedTime: r.hrTimeObserved,
    severityNumber: r.severityNumber,
    severityText: r.severityText,
    body: r.body,
    attributes: { ...r.attributes },
    traceId: r.spanContext?.traceId,
    spanId: r.spanContext?.spanId,
    flags: r.spanContext?.traceFlags,
  }));
}

function candidates(records: readonly LogRecordLike[]): Array<{ id: string; label: string; run: () => Uint8Array | string }> {
  const officialProto = officialEncoder('protobuf');
  const ownProto = protobufEncoder();
  const officialJson = officialEncoder('json');
  const ownJson = jsonEncoder();
  const plain = plainRecords(records);
  // The same OTLP/JSON request as plain objects (built once, not timed).
  const plainRequest: unknown = JSON.parse(new TextDecoder().decode(ownJson.encode(records)));
  return [
    { id: 'protobuf:official', label: 'protobuf, official ProtobufLogsSerializer', run: () => officialProto.encode(records) },
    { id: 'protobuf:logweave', label: 'protobuf, logweave protobufEncoder()', run: () => ownProto.encode(records) },
    { id: 'json:official', label: 'JSON, official JsonLogsSerializer', run: () => officialJson.encode(records) },
    { id: 'json:logweave', label: 'JSON, logweave jsonEncoder()', run: () => ownJson.encode(records) },
    { id: 'json:floor-records', label: 'JSON floor: JSON.stringify(plain records)', run: () => JSON.stringify(plain) },
    { id: 'json:floor-request', label: 'JSON floor: JSON.stringify(OTLP request as plain objects)', run: () => JSON.stringify(plainRequest) },
  ];
}

function byteLength(output: Uint8Array | string): number {
  return typeof output === 'string' ? Buffer.byteLength(output) : output.byteLength;
}

async function main(input: EncodingInput): Promise<EncodingRow[]> {
  const records = await sinkRecords(input.records);
  const all = candidates(records);
  const samples = all.map((): number[] => []);
  for (let round = 0; round < input.warmupRuns + input.runs; round++) {
    for (let k = 0; k < all.length; k++) {
      const index = (round + k) % all.length;
      // CPU time of the process, GC threads included: a busy machine disturbs it less than wall time.
      const start = process.cpuUsage();
      all[index]!.run();
      const used = process.cpuUsage(start);
      const seconds = (used.user + used.system) / 1e6;
      if (round >= input.warmupRuns) samples[index]!.push(records.length / seconds);
    }
  }
  return all.map((c, i) => ({ id: c.id, label: c.label, recordsPerSecond: summarize(samples[i]!), bytes: byteLength(c.run()) }));
}

serveChild(main);
