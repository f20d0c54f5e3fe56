import type { OutputStream } from './cli-io.ts';
import { progressLine, type ShipSnapshot } from './ship-report.ts';

/** How often the live line of a terminal is redrawn. */
const LIVE_REFRESH_MILLIS = 500;
const CLEAR_LINE = '\r\u001b[K';

/**
 * Progress of `logweave ship` on stderr: on a terminal one line rewritten in place; otherwise
 * (a file, a pipe, a container log) a plain line every `intervalMillis`, 0 for none.
 */
export class ShipProgress {
  readonly #stream: OutputStream;
  readonly #live: boolean;
  readonly #intervalMillis: number;
  readonly #snapshot: () => ShipSnapshot;
  #timer: NodeJS.Timeout | undefined;
  #drawn = false;

  constructor(stream: OutputStream, intervalMillis: number, snapshot: () => ShipSnapshot) {
    this.#stream = stream;
    this.#live = stream.isTTY === true && intervalMillis > 0;
    this.#intervalMillis = this.#live ? LIVE_REFRESH_MILLIS : intervalMillis;
    this.#snapshot = snapshot;
  }

  start(): void {
    if (this.#intervalMillis === 0) return;
    this.#timer = setInterval(() => this.#show(), this.#intervalMillis);
    this.#timer.unref();
  }

  /** A message (an error report) on its own line, the live line drawn again below it. */
  note(message: string): void {
    this.#stream.write(`${this.#drawn ? CLEAR_LINE : ''}${message}\n`);
    if (this.#drawn) this.#show();
  }

  /** Stops the updates and clears the live line, for the summary to take its place. */
  stop(): void {
    clearInterval(this.#timer);
    if (this.#drawn) this.#stream.write(CLEAR_LINE);
    this.#drawn = false;
  }

  #show(): void {
    const line = progressLine(this.#snapshot());
    if (this.#live) {
      this.#stream.write(`${CLEAR_LINE}logweave ship: ${line}`);
      this.#drawn = true;
    } else {
      this.#stream.write(`logweave ship: ${line}\n`);
    }
  }
}
