import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startOtlpReceiver } from '@logweave/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('NodeSDK example', () => {
  it('delivers the records of logs.getLogger() through the pipeline NodeSDK registered, in their trace', async () => {
    const collector = await startOtlpReceiver();
    try {
      const env = { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_METRICS_EXPORTER: 'none', NO_COLOR: '1' };
      const { stdout } = await run(process.execPath, [main], { env, timeout: 30_000 });
      expect(stdout).toContain('node-sdk: 3 emitted, 3 exported');

      const records = collector.records();
      expect(records.map((r) => [r.severityNumber, r.body])).toEqual([
        [9, 'checkout started'],
        [13, 'payment provider slow: 2300 ms'],
        [17, 'ERROR: card declined'],
      ]);
      expect(records[0]!.attributes['user.id']).toBe('u-1042');
      expect(records.every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-7/.test(String(r.attributes['log.record.uid'])))).toBe(true);
      // NodeSDK's resource (service name, detected host) and its context manager (the active span).
      expect(records[0]!.resource).toMatchObject({ 'service.name': 'checkout', 'host.name': expect.any(String) });
      expect(records[0]!.scope).toMatchObject({ name: 'checkout', version: '1.4.0' });
      expect(records[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(new Set(records.map((r) => r.traceId)).size).toBe(1);
      // NodeSDK exported the span to the same collector, which takes logs only.
      expect(collector.requests.some((r) => r.path === '/v1/traces')).toBe(true);
    } finally {
      await collector.close();
    }
  }, 30_000);
});
