import type { EncodedRequest, LogRecordLike, Target } from '@logweave/core';
import type { LogsEncoder } from '../encoding/index.ts';
import { encodeBatch } from './encode-batch.ts';

export interface EncodedRequests {
  /** One request per routing key present in the batch (one in all when the target routes nothing). */
  requests: EncodedRequest[];
  /** Records left out because they could not be encoded. */
  unencodable: number;
}

/** Turns a batch into the requests a target takes. */
export type RequestEncoder = (records: readonly LogRecordLike[]) => EncodedRequests;

/**
 * Encodes batches for `target`: when it routes by key, the records of each key go in a request
 * of their own, in the order they came.
 */
export function requestEncoder(encoder: LogsEncoder, target: Target): RequestEncoder {
  const routingKey = target.routingKey?.bind(target);
  return (records) => {
    if (routingKey === undefined) return encodeGroups(encoder, [[0, records]]);
    const groups = new Map<number, LogRecordLike[]>();
    for (const record of records) {
      const key = keyOf(routingKey, record);
      let group = groups.get(key);
      if (group === undefined) groups.set(key, (group = []));
      group.push(record);
    }
    return encodeGroups(encoder, groups);
  };
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
