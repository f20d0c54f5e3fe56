import { diag } from '@opentelemetry/api';
import { LossReporter } from '@logweave/core';
import { diskLossReason } from './durable-fs.ts';
import type { SenderEvents } from './durable-sender.ts';
import type { DiskEvents } from './segment-log.ts';

/**
 * Counts what the durable queue loses (by reason: disk-full, io-error, corrupt, and the delivery
 * reasons of entries given up on) and its I/O failures, and reports both, rate-limited, through
 * the OTel global error handler.
 */
export class DurableLosses implements DiskEvents, SenderEvents {
  readonly droppedBy = new Map<string, number>();
  /** I/O calls that failed, whether or not they cost records. */
  diskErrors = 0;
  readonly #name: string;
  readonly #losses: LossReporter;

  constructor(name: string) {
    this.#name = name;
    this.#losses = new LossReporter(`sink ${name}`);
  }

  lost(reason: string, records: number, detail: string): void {
    if (!(records > 0)) return;
    this.droppedBy.set(reason, (this.droppedBy.get(reason) ?? 0) + records);
    this.#losses.dropped(reason, records, detail);
  }

  /** Reported once per burst (per operation and reason): the first at once, then a count per interval. */
  failed(operation: string, error: unknown): void {
    this.diskErrors++;
    const detail = error instanceof Error ? error.message : String(error);
    this.#losses.failing(`durable queue ${operation} (${diskLossReason(error)})`, detail);
  }

  recovered(): void {
    diag.info(`logweave sink ${this.#name}: durable queue writes reach the disk again`);
  }

  /** Reports what the rate limit is holding back (at shutdown). */
  flush(): void {
    this.#losses.flush();
  }
}

