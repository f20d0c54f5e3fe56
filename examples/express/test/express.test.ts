import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startOtlpReceiver } from '@logweave/testing';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** Starts the service on a free port; resolves with its base URL once it listens. */
async function startService(endpoint: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [main], { env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, PORT: '0' } });
  let output = '';
  for await (const chunk of child.stdout!) {
    output += String(chunk);
    const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
    if (url !== undefined) return { child, url };
  }
  throw new Error(`the service did not start: ${output}`);
}

describe('express example', () => {
  it('gives each record the request id and user of the request it was emitted in, under concurrent requests', async () => {
    const collector = await startOtlpReceiver();
    const { child, url } = await startService(collector.url);
    try {
      const requests = Array.from({ length: 20 }, (_, i) => ({ id: `req-${i}`, user: `u-${100 + i}`, order: String(7000 + i), delay: (i * 7) % 25 }));
      const answers = await Promise.all(requests.map((r) =>
        fetch(`${url}/orders/${r.order}?delay=${r.delay}`, { headers: { 'x-request-id': r.id, 'x-user-id': r.user } })));
      expect(answers.map((a) => a.status)).toEqual(requests.map(() => 200));
      expect(answers.map((a) => a.headers.get('x-request-id'))).toEqual(requests.map((r) => r.id));

      child.kill('SIGTERM');
      await once(child, 'exit');
      const records = collector.records();
      expect(records).toHaveLength(60);
      for (const r of requests) {
        const mine = records.filter((record) => (record.attributes['http.request.header.x-request-id'] as string[])[0] === r.id);
        expect(mine.map((m) => m.body).sort()).toEqual(['loading order', 'order loaded', 'request handled']);
        for (const m of mine) {
          expect(m.attributes).toMatchObject({ 'user.id': r.user, 'http.request.method': 'GET', 'url.path': `/orders/${r.order}` });
        }
        expect(mine.filter((m) => m.body !== 'request handled').map((m) => m.attributes['order.id'])).toEqual([r.order, r.order]);
        expect(mine.find((m) => m.body === 'request handled')!.attributes['http.response.status_code']).toBe(200);
      }
    } finally {
      child.kill('SIGKILL');
      await collector.close();
    }
  }, 30_000);
});
