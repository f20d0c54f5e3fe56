import type { EncodedRequest, LogRecordLike, Target } from '@logweave/core';
import type { LogsEncoder } from '../encoding/index.ts';
import type { BatchEncoder } from '../worker/index.ts';
import { encodeBatch } from './encode-batch.ts';

export interface EncodedRequests {
  /** One request per routing key present in the batch (one in all when the target routes nothing). */
  requests: EncodedRequest[];
  /** Records left out because they could not be encoded. */
  unencodable: number;
}

/** Turns a batch into the requests a target takes. */
export type RequestEncoder = (records: readonly LogRecordLike[]) => EncodedRequests;
/** The same, off the event loop. */
export type AsyncRequestEncoder = (records: readonly LogRecordLike[]) => Promise<EncodedRequests>;

/**
 * Encodes batches for `target`: when it routes by key, the records of each key go in a request
 * of their own, in the order they came.
 */
export function requestEncoder(encoder: LogsEncoder, target: Target): RequestEncoder {
  const routingKey = target.routingKey?.bind(target);
  return (records) => encodeGroups(encoder, routingKey === undefined ? [[0, records]] : groupByKey(records, routingKey));
}

/**
 * Encodes batches in `worker` (a worker thread), split by key as requestEncoder does; each
 * record is read once, when the batch is handed over. A group the worker refuses (a record it
 * cannot write, a worker that died) is encoded again in-thread by `fallback`, which drops and
 * counts only the records at fault.
 */
export function workerRequestEncoder(worker: BatchEncoder, target: Target, fallback: RequestEncoder): AsyncRequestEncoder {
  const routingKey = target.routingKey?.bind(target);
  return async (records) => {
    const groups = routingKey === undefined ? [[0, records] as const] : [...groupByKey(records, routingKey)];
    const encoded = await Promise.all(
      groups.map(([key, group]) =>
        worker.encode(group).then(
          (batch): EncodedRequests => ({ requests: [{ bytes: batch.bytes, records: group.length, key }], unencodable: 0 }),
          () => fallback(group),
        ),
      ),
    );
    return { requests: encoded.flatMap((e) => e.requests), unencodable: encoded.reduce((sum, e) => sum + e.unencodable, 0) };
  };
}

function groupByKey(records: readonly LogRecordLike[], routingKey: (record: LogRecordLike) => number): Map<number, LogRecordLike[]> {
  const groups = new Map<number, LogRecordLike[]>();
  for (const record of records) {
    const key = keyOf(routingKey, record);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = []));
    group.push(record);
  }
  return groups;
}

function encodeGroups(encoder: LogsEncoder, groups: Iterable<[number, readonly LogRecordLike[]]>): EncodedRequests {
  const requests: EncodedRequest[] = [];
  let unencodable = 0;
  for (const [key, records] of groups) {
    const batch = encodeBatch(encoder, records);
    unencodable += batch.unencodable;
    if (batch.bytes !== undefined) requests.push({ bytes: batch.bytes, records: records.length - batch.unencodable, key });
  }
  return { requests, unencodable };
}

/** A key function that throws sends the record with key 0 rather than losing it. */
function keyOf(routingKey: (record: LogRecordLike) => number, record: LogRecordLike): number {
  try {
    const key = routingKey(record);
    return Number.isInteger(key) && key >= 0 ? key : 0;
  } catch {
    return 0;
  }
}
