import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeverityNumber } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline } from '@logweave/core';
import { decodeLogsRequest } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileSink, type FileSinkOptions } from '../src/index.ts';

let dir: string;
beforeEach(() => {
  setGlobalErrorHandler(() => {});
  dir = mkdtempSync(join(tmpdir(), 'logweave-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setUp(options: Omit<FileSinkOptions, 'path'> & { path?: string }) {
  const sink = fileSink({ path: join(dir, 'app.log'), ...options });
  const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
  const logger = provider.getLogger('orders');
  const emit = (from: number, to: number) => {
    for (let i = from; i < to; i++) logger.emit({ severityNumber: SeverityNumber.INFO, body: `order ${i}` });
  };
  return { sink, provider, emit };
}

const linesOf = (name: string) => readFileSync(join(dir, name), 'utf8').split('\n').filter((l) => l !== '');
const bodiesOf = (name: string) => linesOf(name).map((l) => (JSON.parse(l) as { body: string }).body);

describe('fileSink', () => {
  it('appends one JSON line per record, and keeps what an earlier process wrote', async () => {
    const first = setUp({});
    first.emit(0, 3);
    await first.provider.shutdown();
    const second = setUp({ fsync: 'always' });
    second.emit(3, 5);
    await second.provider.forceFlush();
    expect(bodiesOf('app.log')).toEqual(['order 0', 'order 1', 'order 2', 'order 3', 'order 4']);
    expect(second.sink.stats()).toMatchObject({ received: 2, exported: 2, dropped: 0 });
    await second.provider.shutdown();
  });

  it('writes one OTLP/JSON request per batch and line in otlp-json format', async () => {
    const { provider, emit } = setUp({ format: 'otlp-json', maxExportBatchSize: 4 });
    emit(0, 10);
    await provider.shutdown();
    const requests = linesOf('app.log').map((line) => decodeLogsRequest(Buffer.from(line), 'json'));
    expect(requests.map((r) => r.records.length)).toEqual([4, 4, 2]);
    expect(requests.flatMap((r) => r.records.map((x) => x.body))).toEqual(Array.from({ length: 10 }, (_, i) => `order ${i}`));
  });

  it('rotates by size and keeps at most maxFiles rotated files, the newest as .1', async () => {
    const { provider, emit } = setUp({ maxFileBytes: 1_000, maxFiles: 2, maxExportBatchSize: 5 });
    for (let i = 0; i < 100; i += 5) {
      emit(i, i + 5);
      await provider.forceFlush();
    }
    await provider.shutdown();
    expect(readdirSync(dir).sort()).toEqual(['app.log', 'app.log.1', 'app.log.2']);
    const kept = [...bodiesOf('app.log.2'), ...bodiesOf('app.log.1'), ...bodiesOf('app.log')];
    // The newest records, in order, with none missing between the files kept.
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => `order ${100 - kept.length + i}`));
    for (const name of ['app.log.1', 'app.log.2']) expect(readFileSync(join(dir, name)).byteLength).toBeLessThanOrEqual(1_000);
  });

  it('counts a batch it cannot write as io-error and writes again once the path is usable', async () => {
    const path = join(dir, 'missing', 'app.log');
    const { sink, provider, emit } = setUp({ path });
    emit(0, 2);
    await provider.forceFlush();
    expect(sink.stats()).toMatchObject({ exported: 0, dropped: 2, droppedBy: { 'io-error': 2 } });
    expect(sink.stats().lastError).toMatch(/^ENOENT/);
    mkdirSync(join(dir, 'missing'));
    emit(2, 3);
    await provider.shutdown();
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain('order 2');
    expect(sink.stats()).toMatchObject({ received: 3, exported: 1, dropped: 2 });
  });

  it.each([
    [{}, 'fileSink: path must be a file path'],
    [{ path: 'x.log', format: 'csv' }, "fileSink: format must be 'ndjson' or 'otlp-json'; got 'csv'"],
    [{ path: 'x.log', maxFiles: 0 }, 'fileSink: maxFiles must be a positive integer; got 0'],
    [{ path: 'x.log', fsync: 'sometimes' }, "fileSink: fsync must be 'always', 'interval' or 'never'; got 'sometimes'"],
  ])('refuses %j at set-up', (options, message) => {
    expect(() => fileSink(options as never)).toThrow(new TypeError(message));
  });
});
