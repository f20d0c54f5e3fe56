import { diag } from '@opentelemetry/api';

/** What the progress report reads from the log. */
export interface BacklogView {
  /** Records left of the backlog found at open. */
  backlogRecords(): number;
  readonly pendingBytes: number;
  readonly oldestWrittenMillis: number | undefined;
}

/** A progress line at most this often while records are acknowledged, and at least this often while none are. */
export const PROGRESS_INTERVAL_MILLIS = 10_000;
/** …or as soon as this share of the backlog more is done since the last line. */
const PROGRESS_STEP = 0.1;

/**
 * Tells, through the OTel diag logger (info), how replaying the backlog a previous process left
 * goes: one line at open (records, bytes on disk, oldest entry's age), a progress line every
 * 10 s or every 10 % of the backlog (records left, records/s, estimated time left), and a last
 * line once it is drained, or at shutdown with what is left for the next start. Silent when
 * there is no backlog.
 */
export class ReplayProgress {
  readonly #prefix: string;
  readonly #log: BacklogView;
  readonly #total: number;
  readonly #startedAt = Date.now();
  #timer: NodeJS.Timeout | undefined;
  #lastLineAt = this.#startedAt;
  #leftAtLastLine: number;

  constructor(name: string, log: BacklogView) {
    this.#prefix = `logweave sink ${name}: durable`;
    this.#log = log;
    this.#total = this.#leftAtLastLine = log.backlogRecords();
    if (this.#total === 0) return;
    const oldest = log.oldestWrittenMillis;
    const age = oldest === undefined ? '' : `, oldest entry ${duration(Math.max(0, this.#startedAt - oldest))} old`;
    diag.info(`${this.#prefix} backlog to replay: ${this.#total} records, ${mebibytes(log.pendingBytes)} on disk${age}`);
    this.#timer = setInterval(() => this.update(), PROGRESS_INTERVAL_MILLIS);
    this.#timer.unref();
  }

  /** Called after each entry is acknowledged, and by the timer. */
  update(): void {
    if (this.#timer === undefined) return;
    const left = this.#log.backlogRecords();
    const now = Date.now();
    if (left === 0) {
      this.#stop();
      const seconds = (now - this.#startedAt) / 1000;
      diag.info(`${this.#prefix} backlog replayed: ${this.#total} records in ${duration(now - this.#startedAt)}${rate(this.#total, seconds)}`);
      return;
    }
    const stepDone = this.#leftAtLastLine - left >= this.#total * PROGRESS_STEP;
    if (!stepDone && now - this.#lastLineAt < PROGRESS_INTERVAL_MILLIS) return;
    const perSecond = (this.#leftAtLastLine - left) / ((now - this.#lastLineAt) / 1000 || 1);
    const eta = perSecond > 0 ? `, about ${duration((left / perSecond) * 1000)} left` : ', stalled: none acknowledged since the last line';
    const done = Math.floor(((this.#total - left) / this.#total) * 100);
    diag.info(`${this.#prefix} replay: ${left} of ${this.#total} records left (${done} % done), ${Math.round(perSecond)} records/s${eta}`);
    this.#lastLineAt = now;
    this.#leftAtLastLine = left;
  }

  /** At shutdown: what is left waits on disk for the next start. */
  stop(): void {
    if (this.#timer === undefined) return;
    this.#stop();
    const left = this.#log.backlogRecords();
    if (left > 0) diag.info(`${this.#prefix} replay stopped at shutdown: ${left} of ${this.#total} records left on disk for the next start`);
  }

  #stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

function rate(records: number, seconds: number): string {
  return seconds > 0 ? ` (${Math.round(records / seconds)} records/s)` : '';
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** `42 s`, `3 min 20 s`, `5 h 12 min`. */
export function duration(millis: number): string {
  const seconds = Math.round(millis / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}
