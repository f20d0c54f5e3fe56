import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startOtlpReceiver, type ReceivedLogRecord } from '@logweave/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/**
 * What a collector got, without what the wall clock decides: the time the SDK observed a record,
 * the time and window of a rate-limit summary (made when the summary is released), and how the
 * records fell into batches. Sorted by scope, time and body.
 */
function comparable(records: ReceivedLogRecord[]) {
  const key = (r: { scope: { name: string }; timeUnixNano: string; body: unknown }) => `${r.scope.name}|${r.timeUnixNano}|${JSON.stringify(r.body)}`;
  return records.map(({ observedTimeUnixNano: _observed, ...record }) => {
    if (!('logweave.ratelimit.suppressed' in record.attributes)) return record;
    return {
      ...record,
      timeUnixNano: 'wall clock',
      body: String(record.body).replace(/in the last [\d.]+ s$/, 'in the last N s'),
      attributes: { ...record.attributes, 'logweave.ratelimit.duration_ms': 'wall clock' },
    };
  }).sort((a, b) => key(a).localeCompare(key(b)));
}

async function runOn(line: '3.x' | '0.223') {
  const mainCollector = await startOtlpReceiver();
  const security = await startOtlpReceiver();
  try {
    const env = { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: mainCollector.url, SECURITY_OTLP_ENDPOINT: security.url };
    const { stdout } = await run(process.execPath, [main, line], { env, timeout: 30_000 });
    return { stdout, main: comparable(mainCollector.records()), security: comparable(security.records()) };
  } finally {
    await mainCollector.close();
    await security.close();
  }
}

describe('one pipeline on both sdk-logs lines', () => {
  it('delivers identical records from sdk-logs 3.x and 0.223.x through every package', async () => {
    const [current, legacy] = await Promise.all([runOn('3.x'), runOn('0.223')]);

    expect(current.stdout).toContain('sdk-matrix on sdk-logs 3.x: 14 emitted, 9 exported');
    expect(legacy.stdout.replace('0.223', '3.x')).toBe(current.stdout);
    expect(legacy.main).toEqual(current.main);
    expect(legacy.security).toEqual(current.security);

    // And what they agree on is what the pipeline is meant to do.
    expect(current.main.map((r) => [r.severityNumber, r.severityText, typeof r.body === 'string' ? r.body : 'structured'])).toEqual([
      [13, 'WARN', 'slow query: 1200 ms'],
      [13, 'WARN', 'payment slow'],
      [9, 'INFO', 'structured'],
      [9, 'INFO', 'invoice sent'],
      [10, 'INFO2', 'order placed'],
      [9, 'INFO', 'checkout in a kept trace'],
      [17, 'ERROR', 'payment failed'],
      [13, 'WARN', 'rateLimit suppressed 1 record for key "globex" in the last N s'],
    ]);
    const deduped = current.main[4]!;
    expect(deduped.attributes).toMatchObject({ card: '[REDACTED]', 'logweave.dedupe.count': 2, 'tenant.id': 'initech' });
    expect(current.main[5]).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', eventName: 'checkout.started' });
    expect(current.main[6]!.attributes['exception.message']).toBe('card declined');
    expect(current.main[1]!.timeUnixNano).toBe('1714557600000000000');
    expect(current.security.map((r) => [r.body, r.attributes['log.type']])).toEqual([['login failed for [REDACTED]', 'security']]);
    expect(current.main[0]!.resource).toEqual({ 'service.name': 'shop', 'service.version': '2.0.0' });
  }, 30_000);
});
