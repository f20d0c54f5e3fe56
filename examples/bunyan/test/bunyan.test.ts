import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startOtlpReceiver } from '@logweave/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('bunyan example', () => {
  it('bridges bunyan records, child fields and errors included, and still prints them', async () => {
    const collector = await startOtlpReceiver();
    try {
      const env = { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url };
      const { stdout } = await run(process.execPath, [main], { env, timeout: 30_000 });
      expect(stdout).toContain('"msg":"label printed for o-981"');
      expect(stdout).toContain('bunyan: 5 records bridged, 5 exported');

      const records = collector.records();
      expect(records.map((r) => [r.severityNumber, r.severityText, r.body])).toEqual([
        [5, 'DEBUG', 'rates cached for 3 carriers'],
        [9, 'INFO', 'label printed for o-981'],
        [13, 'WARN', 'parcel over 30 kg: surcharge applied'],
        [17, 'ERROR', 'pickup not booked'],
        [21, 'FATAL', 'label printer offline'],
      ]);
      expect(records[1]!.attributes).toMatchObject({ 'order.id': 'o-981', carrier: 'dhl', 'log.level': 'info' });
      expect(records[2]!.attributes).toMatchObject({ 'parcel.id': 'p-77', 'weight.kg': 31.5 });
      expect(records[3]!.attributes).toMatchObject({ 'exception.type': 'Error', 'exception.message': 'carrier API returned 503' });
      expect(records[0]!.scope.name).toBe('@opentelemetry/instrumentation-bunyan');
      expect(records[0]!.resource['service.name']).toBe('shipping');
    } finally {
      await collector.close();
    }
  }, 30_000);
});
