import type { EncodedRequest, Target } from '@logweave/core';
import type { AttemptResult, BatchResult, DeliveryObserver } from '../internal/delivery.ts';
import type { RetryPolicy } from '../internal/retry.ts';
import { deliverWithRetry, lost } from '../internal/retry-loop.ts';
import type { AppendOutcome, SegmentLog } from './segment-log.ts';

export interface Kept {
  /** Records written to disk. */
  persisted: number;
  /** What became of records the disk did not take. */
  sent: BatchResult;
}

const WRITTEN: AttemptResult = { ok: true, rejected: 0, message: '' };
const NOTHING_SENT: BatchResult = { exported: 0, rejected: 0, dropped: 0 };

/**
 * Keeps one request: on disk when the disk takes it. When the disk fails (full, read-only, an I/O
 * error) the request stays in memory, in the sink's bounded queue, and is sent straight to the
 * target under the retry policy; each retry tries the disk first again, so that a disk with space
 * again takes the request back.
 */
export async function keepRequest(
  request: EncodedRequest,
  log: SegmentLog | undefined,
  target: Target,
  retry: RetryPolicy | undefined,
  observer: DeliveryObserver,
  signal: AbortSignal,
): Promise<Kept> {
  let outcome: AppendOutcome | undefined;
  const attempt = async (s: AbortSignal): Promise<AttemptResult> => {
    if (log !== undefined && log.writable()) {
      outcome = await log.append(request);
      if (outcome !== 'failed') return WRITTEN;
    }
    return target.send(request, s);
  };
  const sent = await deliverWithRetry(attempt, request.records, retry, observer, signal);
  if (outcome === 'written') return { persisted: request.records, sent: NOTHING_SENT };
  // At durable.maxBytes with overflow 'drop-newest': the limit is the user's, the entry is dropped.
  if (outcome === 'refused') return { persisted: 0, sent: lost(request.records, 'disk-full') };
  return { persisted: 0, sent };
}
