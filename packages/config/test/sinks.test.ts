import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPipeline } from '../src/index.ts';
import { configError } from './helpers.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logweave-config-sinks-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the configuration file into the test's directory and loads it. */
function load(yaml: string) {
  const file = join(dir, 'logweave.yaml');
  writeFileSync(file, yaml);
  return loadPipeline(file, { env: {} });
}

const inTrace = (traceId: string) => trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED });
const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACE_B = '0af7651916cd43dd8448eb211c80319c';

/** The bodies of the NDJSON lines of a file. */
function bodies(path: string): unknown[] {
  return readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { body: unknown }).body);
}

describe('file and console sinks from a configuration file', () => {
  it('appends NDJSON lines to a file named relative to the configuration file', async () => {
    const loaded = await load('sinks:\n  local:\n    file: { path: app.ndjson, maxFiles: 2 }\n');
    const provider = new LoggerProvider({ processors: [loaded.processor] });
    provider.getLogger('shop').emit({ severityNumber: 9, body: 'order placed' });
    provider.getLogger('shop').emit({ severityNumber: 13, body: 'payment slow' });
    await provider.shutdown();
    expect(bodies(join(dir, 'app.ndjson'))).toEqual(['order placed', 'payment slow']);
    expect(loaded.stats().sinks['local']).toMatchObject({ exported: 2, dropped: 0, droppedBy: {} });
  });

  it('writes JSON lines to standard output with a console sink', async () => {
    const lines: string[] = [];
    // The sink writes with a callback and waits for it: the stand-in calls it as the stream would.
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, done?: (error?: Error | null) => void) => {
      lines.push(String(chunk));
      done?.(null);
      return true;
    }) as typeof process.stdout.write);
    const loaded = await load('sinks:\n  out:\n    console: { format: json }\n');
    const provider = new LoggerProvider({ processors: [loaded.processor] });
    provider.getLogger('shop').emit({ severityNumber: 17, body: 'disk full' });
    await provider.shutdown();
    vi.restoreAllMocks();
    const written = lines.join('').split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { body: unknown });
    expect(written.map((r) => r.body)).toEqual(['disk full']);
    expect(loaded.sinks['out']!.name).toBe('console');
  });

  it('refuses a file sink without a path, naming the option', async () => {
    const error = await configError(() => load('sinks:\n  local:\n    file: { format: ndjson }\n'));
    expect(error.issues.map((i) => i.message)).toEqual(['missing required option "path"']);
  });
});

describe('bufferUntilError from a configuration file', () => {
  it("releases a trace's debug records when its error arrives, and passes what passWhen matches", async () => {
    const loaded = await load([
      'stages:',
      '  - bufferUntilError: { holdBelow: WARN, trigger: ERROR, passWhen: { attr: { key: audit, exists: true } } }',
      'sinks:',
      '  local: { file: { path: app.ndjson } }',
      '',
    ].join('\n'));
    const provider = new LoggerProvider({ processors: [loaded.processor] });
    const logger = provider.getLogger('shop');
    logger.emit({ context: inTrace(TRACE_A), severityNumber: 5, body: 'a: cache miss' });
    logger.emit({ context: inTrace(TRACE_B), severityNumber: 5, body: 'b: cache miss' });
    logger.emit({ context: inTrace(TRACE_B), severityNumber: 5, body: 'b: audited', attributes: { audit: true } });
    logger.emit({ context: inTrace(TRACE_A), severityNumber: 17, body: 'a: payment failed' });
    await provider.shutdown();
    expect(bodies(join(dir, 'app.ndjson'))).toEqual(['b: audited', 'a: cache miss', 'a: payment failed']);
  });

  it('can be named alone, with its defaults', async () => {
    const loaded = await load('stages: [bufferUntilError]\nsinks:\n  local: { file: { path: app.ndjson } }\n');
    expect(loaded.stages).toHaveLength(1);
    await loaded.processor.shutdown();
  });
});

describe('otlp transport options from a configuration file', () => {
  it('builds a gRPC sink with gzip and an OTLP/HTTP sink with zstd at a chosen level', async () => {
    const loaded = await load([
      'sinks:',
      '  main: { otlp: { protocol: grpc, endpoint: "http://127.0.0.1:4317", compression: gzip } }',
      '  zstd: { otlp: { endpoint: "http://127.0.0.1:4318", compression: zstd, compressionLevel: 19, headers: { x-tenant: shop } } }',
      '',
    ].join('\n'));
    expect(loaded.sinks['main']!.name).toBe('127.0.0.1:4317');
    expect(loaded.sinks['zstd']!.name).toBe('127.0.0.1:4318');
    await loaded.processor.shutdown();
  });

  it('reports zstd over gRPC at the option, as the target refuses it', async () => {
    const error = await configError(() => load('sinks:\n  main: { otlp: { protocol: grpc, compression: zstd } }\n'));
    expect(error.issues.map((i) => i.path)).toEqual(['sinks.main.otlp.compression']);
  });

  it('reports a compression level the codec refuses at the option', async () => {
    const error = await configError(() => load('sinks:\n  main:\n    otlp: { compression: gzip, compressionLevel: 15 }\n'));
    expect(error.code).toBe('setup');
    expect(error.issues.map((i) => i.path)).toEqual(['sinks.main.otlp.compressionLevel']);
    expect(error.issues[0]!.message).toMatch(/from 1 to 9/);
  });

  it('reads TLS files relative to the configuration file, for a sink and for each target', async () => {
    mkdirSync(join(dir, 'certs'));
    writeFileSync(join(dir, 'certs', 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const ok = await load([
      'sinks:',
      '  main: { otlp: { endpoint: "https://127.0.0.1:4318", tls: { ca: certs/ca.pem } } }',
      '  backup: { failover: { targets: [{ endpoint: "https://127.0.0.1:4319", tls: { ca: certs/ca.pem, rejectUnauthorized: true } }] } }',
      '',
    ].join('\n'));
    await ok.processor.shutdown();
    const error = await configError(() => load('sinks:\n  main: { otlp: { endpoint: "https://127.0.0.1:4318", tls: { ca: certs/missing.pem } } }\n'));
    expect(error.issues[0]!.message).toContain(join(dir, 'certs', 'missing.pem'));
  });

  it('refuses a client certificate without its key before anything is built', async () => {
    const error = await configError(() => load('sinks:\n  main: { otlp: { tls: { cert: client.pem } } }\n'));
    expect(error.code).toBe('invalid');
    expect(error.issues.map((i) => i.message)).toEqual(['"cert" needs "key" beside it']);
  });
});
