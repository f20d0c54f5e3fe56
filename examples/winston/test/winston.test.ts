import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startOtlpReceiver } from '@logweave/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('winston example', () => {
  it('reaches a sdk-logs 3.x provider through the api-logs global, with syslog levels normalised', async () => {
    const collector = await startOtlpReceiver();
    try {
      const env = { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url };
      const { stdout } = await run(process.execPath, [main], { env, timeout: 30_000 });
      expect(stdout).toContain('warning: currency rate stale');
      expect(stdout).toContain('winston: 5 records through the transport, 5 exported');

      const records = collector.records();
      expect(records.map((r) => [r.severityNumber, r.severityText, r.body, r.attributes['log.level']])).toEqual([
        [5, 'DEBUG', 'loading 120 invoices', 'debug'],
        [10, 'INFO2', 'invoice run started', 'notice'],
        [13, 'WARN', 'currency rate stale', 'warning'],
        [17, 'ERROR', 'payment failed', 'error'],
        [21, 'FATAL', 'ledger out of balance', 'crit'],
      ]);
      expect(records[2]!.attributes).toMatchObject({ currency: 'CHF', 'rate.age_hours': 26, 'service.component': 'invoices' });
      expect(records[3]!.attributes).toMatchObject({ 'invoice.id': 'INV-7', 'exception.type': 'Error', 'exception.message': 'card declined' });
      expect(records[0]!.scope.name).toBe('@opentelemetry/winston-transport');
      expect(records[0]!.resource['service.name']).toBe('billing');
    } finally {
      await collector.close();
    }
  }, 30_000);
});
