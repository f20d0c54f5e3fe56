import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeverityNumber } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline } from '@logweave/core';
import { otlpSink, otlpTarget, type DurableStats } from '@logweave/otlp';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failover, loadBalance } from '../src/index.ts';

const child = fileURLToPath(new URL('./fixtures/durable-composite-child.ts', import.meta.url));

let receivers: OtlpReceiver[];
let dir: string;
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  receivers = await Promise.all([startOtlpReceiver(), startOtlpReceiver()]);
  dir = mkdtempSync(join(tmpdir(), 'logweave-composite-'));
});
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  rmSync(dir, { recursive: true, force: true });
});

const indexOf = (body: unknown) => Number(String(body).slice('record '.length));
const received = () => receivers.flatMap((r) => r.records().map((x) => indexOf(x.body)));

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function run(mode: 'emit' | 'drain', kind: string) {
  return spawn(process.execPath, [child, mode, kind, dir, receivers[0]!.url, receivers[1]!.url], { stdio: ['ignore', 'pipe', 'inherit'] });
}

describe('failover and loadBalance over durable delivery', () => {
  it.each(['failover', 'loadBalance'])(
    '%s: delivers every record a SIGKILLed process confirmed, once the collectors are back',
    { timeout: 60_000 },
    async (kind) => {
      await Promise.all(receivers.map((r) => r.stop()));
      const emitter = run('emit', kind);
      let acked = 0;
      emitter.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        for (const match of chunk.matchAll(/acked (\d+)/g)) acked = Number(match[1]);
      });
      await until(() => acked >= 2_000);
      emitter.kill('SIGKILL');
      await new Promise((resolve) => emitter.once('exit', resolve));
      const confirmed = acked;
      expect(received()).toEqual([]);

      await Promise.all(receivers.map((r) => r.start()));
      const drainer = run('drain', kind);
      let out = '';
      drainer.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      const code = await new Promise<number | null>((resolve) => drainer.once('exit', resolve));
      expect(code).toBe(0);
      const got = new Set(received());
      expect(Array.from({ length: confirmed }, (_, i) => i).filter((i) => !got.has(i))).toEqual([]);
      expect(JSON.parse(out.trim().split('\n').at(-1)!)).toMatchObject({ onDisk: 0, dropped: 0 });
      if (kind === 'loadBalance') {
        // With both members up, every trace stays on one member, and both members take a share.
        const traceHomes = new Map<string, Set<number>>();
        receivers.forEach((r, at) => r.records().forEach((x) => traceHomes.set(x.traceId!, (traceHomes.get(x.traceId!) ?? new Set()).add(at))));
        expect([...traceHomes.values()].every((homes) => homes.size === 1)).toBe(true);
        expect(receivers.every((r) => r.records().length > 0)).toBe(true);
      }
    },
  );

  it.each([
    ['failover', () => failover([otlpTarget({ endpoint: receivers[0]!.url }), otlpTarget({ endpoint: receivers[1]!.url })])],
    ['loadBalance', () => loadBalance([otlpTarget({ endpoint: receivers[0]!.url }), otlpTarget({ endpoint: receivers[1]!.url })])],
  ])(
    '%s: a restart after some records were delivered re-sends only the rest, none twice',
    { timeout: 30_000 },
    async (_kind, target) => {
      const open = () => {
        const sink = otlpSink({
          target: target(),
          scheduledDelayMillis: 5,
          flushTimeoutMillis: 200,
          retry: { initialIntervalMillis: 20, maxIntervalMillis: 50, maxElapsedMillis: 0 },
          durable: { dir },
        });
        const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
        const logger = provider.getLogger('restart');
        const emit = (from: number, to: number) => {
          for (let i = from; i < to; i++) logger.emit({ severityNumber: SeverityNumber.INFO, body: `record ${i}` });
        };
        return { provider, emit, stats: () => sink.stats() as DurableStats };
      };
      const first = open();
      first.emit(0, 300);
      await first.provider.forceFlush();
      await until(() => first.stats().onDisk === 0);
      expect(received()).toHaveLength(300);
      await Promise.all(receivers.map((r) => r.stop()));
      first.emit(300, 500);
      await first.provider.forceFlush();
      await first.provider.shutdown();

      await Promise.all(receivers.map((r) => r.start()));
      const second = open();
      await until(() => received().length >= 500 && second.stats().onDisk === 0);
      await second.provider.shutdown();
      // Every record arrived, counted with repeats: a re-sent one would make the list longer.
      expect(received().sort((x, y) => x - y)).toEqual(Array.from({ length: 500 }, (_, i) => i));
      expect(second.stats()).toMatchObject({ replayed: 200, exported: 200, dropped: 0 });
    },
  );
});
