import type { SendResult } from '@logweave/core';
import { MAX_TIMER_MILLIS } from '../internal/retry.ts';

/**
 * Runs one send under a deadline for the whole of it — headers provider, connect, upload and the
 * last byte of the response — so that a collector trickling its answer cannot hold a request in
 * flight for ever. Never rejects: a failure becomes a SendResult, retryable unless `signal`
 * (shutdown) aborted it.
 */
export async function withDeadline(
  timeoutMillis: number,
  signal: AbortSignal,
  send: (deadline: AbortSignal) => Promise<SendResult>,
): Promise<SendResult> {
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new Error(`deadline: no complete response within ${timeoutMillis} ms`)),
    Math.min(timeoutMillis, MAX_TIMER_MILLIS),
  );
  timer.unref();
  const either = AbortSignal.any([signal, deadline.signal]);
  let onAbort: (() => void) | undefined;
  // What the send cannot be aborted in (a headers provider that never settles) is raced instead.
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(either.reason);
    if (either.aborted) onAbort();
    else either.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([send(either), aborted]);
  } catch (error) {
    return { ok: false, retryable: !signal.aborted, error: describe(error) };
  } finally {
    clearTimeout(timer);
    either.removeEventListener('abort', onAbort!);
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error.message.trim();
    return code === undefined ? message : `${code}: ${message}`;
  }
  return String(error);
}
