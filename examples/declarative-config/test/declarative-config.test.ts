import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startOtlpReceiver } from '@logweave/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const cwd = fileURLToPath(new URL('..', import.meta.url));

describe('declarative-config example', () => {
  it('builds the pipeline logweave.yaml describes and delivers to the collectors it names', async () => {
    const mainCollector = await startOtlpReceiver();
    const siem = await startOtlpReceiver();
    const queue = mkdtempSync(join(tmpdir(), 'logweave-config-example-'));
    try {
      const env = {
        ...process.env,
        OTEL_EXPORTER_OTLP_ENDPOINT: mainCollector.url,
        SECURITY_OTLP_ENDPOINT: siem.url,
        LOGWEAVE_QUEUE_DIR: queue,
        DEPLOY_ENV: 'test',
      };
      const { stdout } = await run(process.execPath, [main], { cwd, env, timeout: 30_000 });
      expect(stdout).toContain('declarative-config: 6 emitted; 2 to siem, 2 to main; dropped {"drop":1,"minSeverity":1}');

      expect(mainCollector.records().map((r) => [r.severityNumber, r.body, r.attributes['log.type']])).toEqual([
        [13, 'payment provider slow', 'application'],
        [17, 'ERROR: order 7 failed: card declined', 'application'],
      ]);
      expect(mainCollector.requests[0]!.gzip).toBe(true);
      expect(siem.records().map((r) => [r.severityNumber, r.body, r.attributes['log.type']])).toEqual([
        [17, 'login failed for [REDACTED]', 'security'],
        [10, 'role admin granted to carol', 'audit'],
      ]);
      expect(siem.records()[0]!.attributes).toMatchObject({ 'deployment.environment.name': 'test', 'tenant.id': 'acme' });
      expect(typeof siem.records()[0]!.attributes['log.record.uid']).toBe('string');
    } finally {
      await mainCollector.close();
      await siem.close();
      rmSync(queue, { recursive: true, force: true });
    }
  }, 30_000);

  it('says where a broken file is wrong and what was expected, and exits with 1', async () => {
    const collector = await startOtlpReceiver();
    try {
      const env = { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url };
      const failed = await run(process.execPath, [main, 'broken.yaml'], { cwd, env, timeout: 30_000 }).catch((e: { code: number; stderr: string }) => e);
      expect('code' in failed && failed.code).toBe(1);
      expect((failed as { stderr: string }).stderr.trim().split('\n')).toEqual([
        'broken.yaml:4:23: stages[1].redact.action: expected one of mask, mask-last4, remove, hash; got "blur"',
        'broken.yaml:5:18: stages[2].minSeverity: expected a severity: TRACE, DEBUG, INFO, WARN, ERROR, FATAL or a SeverityNumber 1..24; got "WARNING"',
        expect.stringMatching(/^broken\.yaml:8:80: sinks\.main\.otlp\.compresion: unknown option "compresion" \(did you mean "compression"\?\); expected one of endpoint, /),
      ]);
      expect(collector.records()).toEqual([]);
    } finally {
      await collector.close();
    }
  }, 30_000);
});
