import type { EncodedRequest, LogRecordLike, SinkMetrics, Target } from '@logweave/core';
import type { BatchResult, DeliverBatch, DeliveryObserver } from './delivery.ts';
import type { AsyncRequestEncoder, RequestEncoder } from './encode-requests.ts';
import { exportOutcome } from './export-outcome.ts';
import type { RetryPolicy } from './retry.ts';
import { deliverWithRetry } from './retry-loop.ts';

/**
 * How an in-memory sink delivers a batch: encoded into one request per routing key, each sent
 * to the target and retried on its own, so that one key's member being down holds up no other.
 */
export function sendBatches(
  target: Target,
  encode: RequestEncoder | AsyncRequestEncoder,
  retry: RetryPolicy | undefined,
  observer: () => DeliveryObserver,
  metrics?: SinkMetrics,
): DeliverBatch {
  return async (records: readonly LogRecordLike[], signal: AbortSignal) => {
    const { requests, unencodable } = await encode(records);
    const results = await Promise.all(requests.map((request) => exportRequest(target, request, retry, observer(), signal, metrics)));
    return combine(results, unencodable);
  };
}

/**
 * One export operation as the conventions count it: a request with its retries and backoff,
 * timed from first attempt to outcome; each attempt after the first counted by its error.type.
 */
async function exportRequest(
  target: Target,
  request: EncodedRequest,
  retry: RetryPolicy | undefined,
  observer: DeliveryObserver,
  signal: AbortSignal,
  metrics: SinkMetrics | undefined,
): Promise<BatchResult> {
  if (metrics === undefined) return deliverWithRetry((s) => target.send(request, s), request.records, retry, observer, signal);
  metrics.exportStarted(request.records);
  const started = performance.now();
  let lastError: string | undefined;
  const watched: DeliveryObserver = {
    onAttemptFailed: (error) => {
      lastError = error;
      observer.onAttemptFailed(error);
    },
    onRetry: () => {
      metrics.retried(exportOutcome(lastError).errorType!);
      observer.onRetry();
    },
  };
  const result = await deliverWithRetry((s) => target.send(request, s), request.records, retry, watched, signal);
  const seconds = (performance.now() - started) / 1000;
  // A partial success is two outcomes of one operation: the accepted records and the refused ones.
  if (result.exported > 0) metrics.exportFinished(result.exported, seconds);
  if (result.rejected > 0) metrics.exportFinished(result.rejected, seconds, { errorType: 'rejected' });
  if (result.dropped > 0) metrics.exportFinished(result.dropped, seconds, exportOutcome(lastError));
  return result;
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
