import type { LogRecordLike, Target } from '@logweave/core';
import type { BatchResult, DeliverBatch, DeliveryObserver } from './delivery.ts';
import type { RequestEncoder } from './encode-requests.ts';
import type { RetryPolicy } from './retry.ts';
import { deliverWithRetry } from './retry-loop.ts';

/**
 * How an in-memory sink delivers a batch: encoded into one request per routing key, each sent
 * to the target and retried on its own, so that one key's member being down holds up no other.
 */
export function sendBatches(target: Target, encode: RequestEncoder, retry: RetryPolicy | undefined, observer: () => DeliveryObserver): DeliverBatch {
  return async (records: readonly LogRecordLike[], signal: AbortSignal) => {
    const { requests, unencodable } = encode(records);
    const results = await Promise.all(
      requests.map((request) => deliverWithRetry((s) => target.send(request, s), request.records, retry, observer(), signal)),
    );
    return combine(results, unencodable);
  };
}

function combine(results: readonly BatchResult[], unencodable: number): BatchResult {
  const total: BatchResult = { exported: 0, rejected: 0, dropped: 0, droppedBy: {} };
  const drop = (reason: string, count: number) => {
    total.dropped += count;
    total.droppedBy![reason] = (total.droppedBy![reason] ?? 0) + count;
  };
  for (const r of results) {
    total.exported += r.exported;
    total.rejected += r.rejected;
    if (r.dropped > 0) drop(r.dropReason ?? 'unknown', r.dropped);
  }
  if (unencodable > 0) drop('unencodable', unencodable);
  return total;
}
