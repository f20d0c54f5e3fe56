import { constants } from 'node:os';

export interface ShutdownOnExitOptions {
  /** Longest the shutdown may take before the process goes on exiting. @default 5000 */
  timeoutMillis?: number;
  /** Signals that shut down first, then end the process as the signal would have. @default ['SIGTERM', 'SIGINT'] */
  signals?: readonly NodeJS.Signals[];
}

interface ShutsDown {
  shutdown(): Promise<void>;
}

/**
 * Shuts `target` down (a LoggerProvider, flushing every pipeline and sink) when the event loop
 * empties (`beforeExit`) or on SIGTERM/SIGINT, within a bounded time. After `beforeExit` the
 * process then exits with its exit code; after a signal with 128 + the signal number, unless the
 * application listens to that signal itself.
 * Returns a function that removes the hooks.
 */
export function shutdownOnExit(target: ShutsDown, options: ShutdownOnExitOptions = {}): () => void {
  if (target === null || typeof target !== 'object' || typeof target.shutdown !== 'function') {
    throw new TypeError('shutdownOnExit: target must have a shutdown() method (a LoggerProvider or a pipeline)');
  }
  const timeoutMillis = options.timeoutMillis ?? 5000;
  if (!(timeoutMillis > 0)) throw new TypeError(`shutdownOnExit: timeoutMillis must be positive; got ${timeoutMillis}`);
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let done: Promise<void> | undefined;
  const shutDown = () => (done ??= bounded(target.shutdown(), timeoutMillis));

  // The event loop was empty: once the bounded shutdown is over, exit even if a sink's sockets
  // or timers would keep the loop alive.
  const onBeforeExit = () => void shutDown().then(() => process.exit());
  const onSignal = (signal: NodeJS.Signals) => {
    const appListens = process.listenerCount(signal) > 1;
    void shutDown().then(() => {
      if (!appListens) process.exit(128 + (constants.signals[signal] ?? 0));
    });
  };
  process.once('beforeExit', onBeforeExit);
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    process.off('beforeExit', onBeforeExit);
    for (const signal of signals) process.off(signal, onSignal);
  };
}

/** Settles when `promise` does or after `ms`, whichever comes first; never rejects. */
function bounded(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    promise.catch(() => {}).finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
