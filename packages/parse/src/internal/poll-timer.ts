import { watch, type FSWatcher } from 'node:fs';

/**
 * The pause between two polling rounds. Polling with stat is what the shipper relies on;
 * file-system events on the files' directories only end a pause early, and never sooner than a
 * quarter interval after the last round began, so that a file written line by line is not
 * flushed once per write. Timers are unref'd and watchers not persistent: neither holds the
 * process open.
 */
export class PollTimer {
  readonly #intervalMillis: number;
  readonly #watchers: FSWatcher[] = [];
  #roundStartedAt = 0;
  #wake: ((now: boolean) => void) | undefined;

  constructor(intervalMillis: number) {
    this.#intervalMillis = intervalMillis;
  }

  watch(directories: Iterable<string>): void {
    for (const directory of directories) {
      try {
        const watcher = watch(directory, { persistent: false }, () => this.#wake?.(false));
        watcher.on('error', () => watcher.close());
        this.#watchers.push(watcher);
      } catch {
        // A directory that cannot be watched (missing, no inotify watches left) is still polled.
      }
    }
  }

  roundStarted(): void {
    this.#roundStartedAt = Date.now();
  }

  sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer = setTimeout(resolve, this.#intervalMillis);
      timer.unref();
      this.#wake = (now) => {
        clearTimeout(timer);
        const wait = this.#roundStartedAt + this.#intervalMillis / 4 - Date.now();
        if (now || wait <= 0) return resolve();
        timer = setTimeout(resolve, wait);
        timer.unref();
      };
    }).finally(() => {
      this.#wake = undefined;
    });
  }

  /** Ends the current pause now (to stop). */
  interrupt(): void {
    this.#wake?.(true);
  }

  close(): void {
    for (const watcher of this.#watchers) watcher.close();
  }
}
