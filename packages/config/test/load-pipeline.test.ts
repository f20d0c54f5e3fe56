import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedLogRecord } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPipeline } from '../src/index.ts';
import { fixture, sdkLines } from './helpers.ts';

let main: OtlpReceiver;
let siem: OtlpReceiver;
beforeEach(async () => {
  main = await startOtlpReceiver();
  siem = await startOtlpReceiver();
});
afterEach(async () => {
  await main.close();
  await siem.close();
});

const summary = (r: ReceivedLogRecord) => ({ severityNumber: r.severityNumber, body: r.body, attributes: r.attributes });

describe.each(sdkLines)('loadPipeline on sdk-logs $line', ({ sdk }) => {
  it('delivers what the stages of a YAML file let through to the collectors its route names', async () => {
    const loaded = await loadPipeline(fixture('shop.yaml'), {
      env: { MAIN_ENDPOINT: main.url, SIEM_ENDPOINT: siem.url, DEPLOY_ENV: 'staging' },
    });
    const provider = new sdk.LoggerProvider({
      resource: resourceFromAttributes({ 'service.name': 'shop' }),
      processors: [loaded.processor],
    });
    const http = provider.getLogger('shop.http');
    http.emit({ body: '{"level":"warn","msg":"payment slow","tenant.id":"acme"}' });
    http.emit({ body: 'level=error msg="login failed for bob@example.com" tenant.id=acme' });
    http.emit({ severityText: 'info', body: 'GET /healthz 200' });
    provider.getLogger('shop.db').emit({ severityText: 'INFO', body: 'query ok' });
    http.emit({ severityText: 'INFO', body: 'order placed', attributes: { 'tenant.id': 'initech' } });
    http.emit({ severityText: 'notice', body: 'order placed', attributes: { 'tenant.id': 'globex', session: 'abc' } });
    await provider.shutdown();

    const common = { 'deployment.environment.name': 'staging' };
    expect(main.records().map(summary)).toEqual([
      { severityNumber: 13, body: 'payment slow', attributes: { 'tenant.id': 'acme', ...common, 'log.type': 'application' } },
      {
        severityNumber: 10,
        body: 'order placed',
        attributes: { 'tenant.id': 'globex', session: '[REDACTED]', ...common, 'log.type': 'application' },
      },
    ]);
    expect(siem.records().map(summary)).toEqual([
      { severityNumber: 17, body: 'login failed for [REDACTED]', attributes: { 'tenant.id': 'acme', ...common, 'log.type': 'security' } },
    ]);
    expect(siem.requests[0]!.gzip).toBe(true);
    expect(main.requests[0]!.encoding).toBe('json');
    const stats = loaded.stats();
    expect(stats.pipeline.droppedBy).toEqual({ drop: 1, minSeverity: 1, 'keep-known-tenants': 1 });
    expect(stats.route).toMatchObject({ routed: { security: 1 }, defaulted: 2, unrouted: 0 });
    expect(stats.sinks['main']).toMatchObject({ exported: 2, dropped: 0 });
    expect(stats.stages['parseBody']).toMatchObject({ parsed: { json: 1, logfmt: 1 } });
  });

  it('reads the same language from a JSON file', async () => {
    const loaded = await loadPipeline(fixture('shop.json'), { env: { MAIN_ENDPOINT: main.url } });
    const provider = new sdk.LoggerProvider({ processors: [loaded.processor] });
    const logger = provider.getLogger('shop');
    logger.emit({ body: 'GET /healthz 200' });
    logger.emit({ severityText: 'Warning', body: 'disk full on /var' });
    await provider.shutdown();

    expect(main.records().map(summary)).toEqual([
      { severityNumber: 13, body: 'disk full on /var', attributes: { 'deployment.environment.name': 'dev', 'log.type': 'system' } },
    ]);
  });
});

describe('loadPipeline', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'logweave-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a durable queue in a directory named relative to the file', async () => {
    const file = join(dir, 'logweave.yml');
    writeFileSync(file, `sinks:\n  main:\n    otlp:\n      endpoint: ${main.url}\n      durable: { dir: queue, fsync: always }\n`);
    const loaded = await loadPipeline(file);
    const provider = new sdkLines[0].sdk.LoggerProvider({ processors: [loaded.processor] });
    provider.getLogger('shop').emit({ body: 'order 1 placed' });
    await provider.shutdown();

    expect(existsSync(join(dir, 'queue'))).toBe(true);
    expect(main.records().map((r) => r.body)).toEqual(['order 1 placed']);
    expect(main.records()[0]!.attributes['log.record.uid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('builds every stage and sink kind with their options', async () => {
    const loaded = await loadPipeline(fixture('every-kind.yaml'), { env: { QUEUE_DIR: join(dir, 'disk') } });
    try {
      expect(loaded.stages.map((s) => s.name)).toEqual([
        'normalise', 'parseBody', 'enrich', 'redact', 'minSeverity', 'keep', 'drop', 'dedupe-errors', 'rateLimit', 'half', 'dedupe',
      ]);
      expect(Object.keys(loaded.sinks)).toEqual(['main', 'disk', 'siem', 'spread']);
      expect(loaded.sinks['main']!.name).toBe('main-collector');
      expect(loaded.sinks['siem']!.stats()).toMatchObject({ name: 'siem', targets: [{}, {}] });
      expect(loaded.stats().sinks['disk']).toMatchObject({ onDisk: 0, replayed: 0 });
      expect(Object.keys(loaded.stats().stages)).toEqual(
        ['normalise', 'parseBody', 'redact', 'minSeverity', 'dedupe-errors', 'rateLimit', 'half', 'dedupe'],
      );
      expect(loaded.stats().route?.routed).toEqual({ security: 0, errors: 0 });
    } finally {
      await loaded.processor.shutdown();
    }
  });
});
