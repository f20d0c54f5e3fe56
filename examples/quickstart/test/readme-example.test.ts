import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startOtlpReceiver } from '@logweave/testing';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../src/readme-example.ts', import.meta.url));
const readme = fileURLToPath(new URL('../../../README.md', import.meta.url));
/** Where the example's relative durable dir lands: its working directory. */
const cwd = mkdtempSync(join(tmpdir(), 'logweave-readme-'));

function runExample(endpoint: string) {
  const { OTEL_EXPORTER_OTLP_ENDPOINT: _, OTEL_RESOURCE_ATTRIBUTES: __, ...inherited } = process.env;
  const env = { ...inherited, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'shop' };
  return run(process.execPath, [example], { cwd, env, timeout: 30_000 });
}

describe('the README example', () => {
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('is the code the README shows, line for line', () => {
    const block = /## Example\n\n```ts\n([^]*?)```/.exec(readFileSync(readme, 'utf8'))?.[1];
    expect(block).toBe(readFileSync(example, 'utf8').replace(/^\/\/ .*\n/, ''));
  });

  it('says on stderr that delivery is failing when the collector is down, and keeps the record on disk', { timeout: 30_000 }, async () => {
    // Port 9 (discard) is closed on loopback: the connection is refused.
    const { stderr } = await runExample('http://127.0.0.1:9');
    expect(stderr).toContain('delivery failing: ECONNREFUSED');
    expect(readdirSync(join(cwd, 'logweave-queue')).some((name) => name.endsWith('.wal'))).toBe(true);
  });

  it('delivers the record kept on disk, redacted and with its severity, once the collector is up', { timeout: 30_000 }, async () => {
    const collector = await startOtlpReceiver();
    try {
      await runExample(collector.url);
      const records = collector.records();
      // The record of the first run (replayed from disk) and that of this run.
      expect(records).toHaveLength(2);
      for (const record of records) {
        expect(record).toMatchObject({ severityNumber: 13, severityText: 'warning', body: 'card declined for [REDACTED]' });
        expect(record.resource['service.name']).toBe('shop');
        expect(record.attributes['log.record.uid']).toMatch(/^[0-9a-f-]{36}$/);
        expect(record.attributes['log.type']).toBeDefined();
      }
    } finally {
      await collector.close();
    }
  });
});
