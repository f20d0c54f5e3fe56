import type { LogRecordLike, Sink } from '@logweave/core';

/** A sink that keeps every record it receives, in order, for assertions. */
export interface MemorySink extends Sink {
  readonly records: readonly LogRecordLike[];
  /** The bodies of the records received so far. */
  bodies(): unknown[];
  /** Resolves once `count` records have arrived; rejects after `timeoutMillis`. */
  waitFor(count: number, timeoutMillis?: number): Promise<readonly LogRecordLike[]>;
  clear(): void;
  readonly isShutdown: boolean;
}

export function memorySink(): MemorySink {
  const records: LogRecordLike[] = [];
  let isShutdown = false;
  const waiters = new Set<() => void>();
  return {
    records,
    get isShutdown() {
      return isShutdown;
    },
    onEmit(record) {
      if (isShutdown) return;
      records.push(record);
      for (const wake of waiters) wake();
    },
    bodies: () => records.map((r) => r.body),
    clear: () => {
      records.length = 0;
    },
    waitFor(count, timeoutMillis = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (records.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(records);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`memorySink: ${records.length} of ${count} records after ${timeoutMillis} ms`));
        }, timeoutMillis);
        waiters.add(check);
        check();
      });
    },
    forceFlush: async () => {},
    shutdown: async () => {
      isShutdown = true;
    },
  };
}
