import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startOtlpReceiver } from '@logweave/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('console example', () => {
  it('turns console calls into records with the severity of the method or the line, and still prints them', async () => {
    const collector = await startOtlpReceiver();
    try {
      const env = { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url };
      const { stdout, stderr } = await run(process.execPath, [main], { env, timeout: 30_000 });
      expect(stdout).toContain('worker started: 3 jobs queued\n');
      expect(stderr).toContain('job j-3 failed: Error: upstream returned 503\n');
      expect(stdout).toContain('console: 7 console calls captured, 7 exported');

      const records = collector.records();
      expect(records.map((r) => [r.severityNumber, r.severityText, typeof r.body === 'string' ? r.body.split('\n')[0] : r.body])).toEqual([
        [9, 'INFO', 'worker started: 3 jobs queued'],
        [5, 'DEBUG', "job j-1 payload: { sku: 'SKU-42', quantity: 2 }"],
        [9, 'INFO', 'job j-1 done in 41 ms'],
        [13, 'WARN', '[warn] job j-2 retried: upstream slow'],
        [13, 'WARN', 'disk 91% full on /var/lib/worker'],
        [17, 'ERROR', 'job j-3 failed: Error: upstream returned 503'],
        [17, 'ERROR', 'job j-3 moved to the dead-letter queue'],
      ]);
      expect(records[6]!.attributes['job.id']).toBe('j-3');
      expect(records[0]!.scope.name).toBe('@opentelemetry/instrumentation-console');
      // The summary printed after capture.disable() was not captured.
      expect(records.some((r) => String(r.body).includes('console calls captured'))).toBe(false);
    } finally {
      await collector.close();
    }
  }, 30_000);
});
