import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startOtlpReceiver } from '@logweave/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

function runDemo(env: Record<string, string> = {}) {
  const { OTEL_EXPORTER_OTLP_ENDPOINT: _, ...inherited } = process.env;
  return run(process.execPath, [main], { env: { ...inherited, NO_COLOR: '1', ...env }, timeout: 30_000 });
}

describe('quickstart demo', () => {
  it('prints every record its embedded receiver got, and what the pipeline dropped', async () => {
    const { stdout } = await runDemo();
    const lines = stdout.split('\n');
    expect(lines.filter((l) => /^\d\d:\d\d:\d\d\.\d{3} (INFO |WARN |ERROR|ERROR2) shop\./.test(l))).toHaveLength(7);
    // Severity read from text in several dialects, and from the body alone.
    expect(stdout).toContain('WARN  shop.payments payment provider slow');
    expect(stdout).toContain('WARN  shop.server WARNING: config file');
    expect(stdout).toContain('ERROR shop.payments payment failed');
    expect(stdout).toMatch(/\n {4}Error: card declined\n {4}at [^]*\n {4}Caused by: Error: issuer said: insufficient funds/);
    expect(stdout).toContain('checkout started for [REDACTED]');
    expect(stdout).not.toContain('jane.doe@example.com');
    expect(stdout).not.toContain('/healthz');
    expect(stdout).not.toContain('cache warmed');
    expect(stdout).toMatch(/quickstart: 9 emitted, 7 exported to http:\/\/127\.0\.0\.1:\d+\/v1\/logs, 7 received; dropped 1 by minSeverity, 1 by drop-health-checks/);
  });

  it('sends to the collector named by OTEL_EXPORTER_OTLP_ENDPOINT instead', async () => {
    const collector = await startOtlpReceiver();
    try {
      const { stdout } = await runDemo({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
      const records = collector.records();
      expect(records).toHaveLength(7);
      expect(new Set(records.map((r) => r.resource['service.name']))).toEqual(new Set(['shop']));
      expect(records.find((r) => r.body === 'payment failed')?.attributes['exception.message']).toBe('card declined');
      const slow = records.find((r) => r.body === 'payment provider slow: 2300 ms')!;
      expect(slow).toMatchObject({ severityNumber: 13, severityText: 'WARN' });
      expect(slow.attributes).toMatchObject({ authorization: '[REDACTED]', 'user.id': 'u-1042', 'http.request.header.x-request-id': ['req-7f3a'] });
      expect(slow.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(stdout).toContain(`7 exported to ${collector.url}`);
    } finally {
      await collector.close();
    }
  });
});
