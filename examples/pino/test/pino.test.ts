import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startOtlpReceiver } from '@logweave/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('pino example', () => {
  it('bridges pino records, custom level and child bindings included, and still prints them', async () => {
    const collector = await startOtlpReceiver();
    try {
      const env = { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url };
      const { stdout } = await run(process.execPath, [main], { env, timeout: 30_000 });
      expect(stdout).toContain('"msg":"restocked SKU-42"');
      expect(stdout).toContain('pino: 5 records bridged, 5 exported');

      const records = collector.records();
      expect(records.map((r) => [r.severityNumber, r.severityText, r.body])).toEqual([
        [5, 'DEBUG', 'cache warmed: 1204 products'],
        [9, 'INFO', 'restocked SKU-42'],
        [13, 'WARN', 'supplier slow: 2300 ms'],
        [11, 'INFO3', 'stock level changed by hand'],
        [17, 'ERROR', 'restock failed'],
      ]);
      expect(records[1]!.attributes).toMatchObject({ 'product.sku': 'SKU-42', quantity: 12, 'log.level': 'info' });
      expect(records[2]!.attributes).toMatchObject({ 'job.id': 'restock-7', 'product.sku': 'SKU-9' });
      expect(records[3]!.attributes).toMatchObject({ 'user.id': 'u-1042', 'log.level': 'audit' });
      expect(records[4]!.attributes).toMatchObject({ 'exception.type': 'Error', 'exception.message': 'warehouse API timed out: ETIMEDOUT' });
      expect(records[4]!.attributes['exception.stacktrace']).toContain('caused by: Error: ETIMEDOUT');
      expect(records.every((r) => typeof r.attributes['log.record.uid'] === 'string')).toBe(true);
      expect(records[0]!.scope.name).toBe('@opentelemetry/instrumentation-pino');
      expect(records[0]!.resource['service.name']).toBe('inventory');
    } finally {
      await collector.close();
    }
  }, 30_000);
});
