import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

interface Progress {
  emitted: number;
  persisted: number;
  onDisk: number;
  exported: number;
  replayed: number;
}

/** The example running as its own process, and the progress lines it prints. */
class App {
  readonly child: ChildProcess;
  last: Progress | undefined;
  stopped = false;
  readonly #waiters = new Set<() => void>();

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [main], { env: { ...process.env, EMIT_INTERVAL_MS: '40', ...env } });
    let buffer = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffer += String(chunk);
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) this.#read(line);
    });
  }

  /** Resolves once a progress line satisfies `test`. */
  until(test: (p: Progress) => boolean): Promise<Progress> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.last === undefined || !test(this.last)) return;
        this.#waiters.delete(check);
        resolve(this.last);
      };
      this.#waiters.add(check);
      check();
    });
  }

  async terminate(): Promise<Progress> {
    this.child.kill('SIGTERM');
    await once(this.child, 'exit');
    expect(this.stopped).toBe(true);
    return this.last!;
  }

  #read(line: string): void {
    const m = /^durable: (stopped; )?emitted (\d+), persisted (\d+), on disk (\d+), exported (\d+), replayed (\d+)$/.exec(line);
    if (m === null) return;
    const [emitted, persisted, onDisk, exported, replayed] = m.slice(2).map(Number) as [number, number, number, number, number];
    this.last = { emitted, persisted, onDisk, exported, replayed };
    this.stopped ||= m[1] !== undefined;
    for (const wake of this.#waiters) wake();
  }
}

/** The bodies that arrived for one run, once each (delivery is at least once), in order. */
function delivered(collector: OtlpReceiver, run: string): string[] {
  const bodies = collector.records().filter((r) => r.attributes['app.run'] === run).map((r) => String(r.body));
  return [...new Set(bodies)].sort((a, b) => Number(a.split('-')[1]!.split(' ')[0]) - Number(b.split('-')[1]!.split(' ')[0]));
}

const orders = (run: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `order ${run}-${from + i} placed`);

describe('durable example', () => {
  let dir: string;
  let collector: OtlpReceiver;
  const apps: App[] = [];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logweave-durable-'));
    collector = await startOtlpReceiver();
  }, 30_000);
  afterEach(async () => {
    for (const app of apps.splice(0)) app.child.kill('SIGKILL');
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);
  const start = (run: string) => {
    const app = new App({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, LOGWEAVE_QUEUE_DIR: dir, RUN_ID: run });
    apps.push(app);
    return app;
  };

  it('delivers every record emitted while the collector was down, once it is back', async () => {
    const app = start('a');
    await app.until((p) => p.exported >= 3);
    await collector.stop();
    const down = await app.until((p) => p.onDisk >= 10);
    expect(down.exported).toBeLessThan(down.persisted);
    await collector.start();
    await app.until((p) => p.exported > down.persisted);
    const last = await app.terminate();

    expect(last.onDisk).toBe(0);
    expect(delivered(collector, 'a')).toEqual(orders('a', 1, last.emitted));
    const uids = new Set(collector.records().map((r) => r.attributes['log.record.uid']));
    expect(uids.size).toBe(last.emitted);
  }, 30_000);

  it('delivers what a crashed process left on disk when the next one starts', async () => {
    await collector.stop();
    const first = start('a');
    const crashed = await first.until((p) => p.persisted >= 10);
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    await collector.start();

    const second = start('b');
    await second.until((p) => p.replayed >= crashed.persisted && p.exported >= crashed.persisted + 3);
    const last = await second.terminate();

    expect(delivered(collector, 'a').slice(0, crashed.persisted)).toEqual(orders('a', 1, crashed.persisted));
    expect(delivered(collector, 'b')).toEqual(orders('b', 1, last.emitted));
  }, 30_000);
});
