import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startOtlpReceiver } from '@logweave/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('security-routing example', () => {
  it('sends security and audit records to the second collector only, redacted, and the rest to the main one', async () => {
    const mainCollector = await startOtlpReceiver();
    const siem = await startOtlpReceiver();
    try {
      const env = { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: mainCollector.url, SECURITY_OTLP_ENDPOINT: siem.url };
      const { stdout } = await run(process.execPath, [main], { env, timeout: 30_000 });
      expect(stdout).toContain(`4 records to the SIEM (${siem.url}), 3 to the main collector (${mainCollector.url})`);

      expect(siem.records().map((r) => [r.attributes['log.type'], r.body])).toEqual([
        ['audit', 'user alice logged in'],
        ['security', 'login failed for [REDACTED]: wrong password'],
        ['audit', 'role admin granted to carol by alice'],
        ['security', 'GET /admin/users 403'],
      ]);
      expect(siem.records()[1]!.attributes['client.address']).toBe('203.0.113.9');
      expect(mainCollector.records().map((r) => [r.attributes['log.type'], r.body])).toEqual([
        ['application', 'GET /profile 200'],
        ['network', 'connection refused by postgres:5432'],
        ['application', 'export finished'],
      ]);
      expect(mainCollector.records()[2]!.attributes['api.token']).toBe('[REDACTED]');
      expect(JSON.stringify([...siem.records(), ...mainCollector.records()])).not.toMatch(/bob@example\.com|sk_live/);
    } finally {
      await mainCollector.close();
      await siem.close();
    }
  }, 30_000);
});
