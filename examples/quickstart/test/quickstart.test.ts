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
    expect(lines.filter((l) => /^\d\d:\d\d:\d\d\.\d{3} (INFO |WARN |ERROR|FATAL) shop\./.test(l))).toHaveLength(6);
    expect(stdout).toContain('ERROR shop.payments payment failed');
    expect(stdout).toMatch(/\n {4}Error: card declined\n {4}at /);
    expect(stdout).not.toContain('/healthz');
    expect(stdout).toMatch(/quickstart: 8 emitted, 6 exported to http:\/\/127\.0\.0\.1:\d+\/v1\/logs, 6 received; dropped 1 by drop-debug, 1 by drop-health-checks/);
  });

  it('sends to the collector named by OTEL_EXPORTER_OTLP_ENDPOINT instead', async () => {
    const collector = await startOtlpReceiver();
    try {
      const { stdout } = await runDemo({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
      const records = collector.records();
      expect(records).toHaveLength(6);
      expect(new Set(records.map((r) => r.resource['service.name']))).toEqual(new Set(['shop']));
      expect(records.find((r) => r.body === 'payment failed')?.attributes['exception.message']).toBe('card declined');
      expect(stdout).toContain(`6 exported to ${collector.url}`);
    } finally {
      await collector.close();
    }
  });
});
