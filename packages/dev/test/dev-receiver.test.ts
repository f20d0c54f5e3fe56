import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { SeverityNumber } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { startDevReceiver, type DevReceiver, type DevReceiverOptions } from '../src/index.ts';
import { openEvents, otlpJson, sdkTo } from './helpers.ts';

let receiver: DevReceiver | undefined;
let lines: string[] = [];
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
  lines = [];
});

async function start(options: DevReceiverOptions = {}): Promise<DevReceiver> {
  receiver = await startDevReceiver({ port: 0, color: false, write: (l) => lines.push(l), ...options });
  return receiver;
}

function post(body: string | Uint8Array, headers: Record<string, string>, path = '/v1/logs') {
  return fetch(`${receiver!.url}${path}`, { method: 'POST', body, headers });
}

describe('startDevReceiver', () => {
  it('prints each record an SDK exports to it over OTLP/HTTP protobuf', async () => {
    const { url, logsUrl } = await start();
    expect(logsUrl).toBe(`${url}/v1/logs`);
    const { provider, logger } = sdkTo(logsUrl, 'worker');
    logger.emit({ severityNumber: SeverityNumber.ERROR, severityText: 'ERROR', body: 'job 7 failed' });
    await provider.shutdown();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} ERROR worker job 7 failed$/);
    expect(receiver!.records().map((r) => r.resource['service.name'])).toEqual(['shop']);
  });

  it('accepts gzipped OTLP/JSON and answers an empty JSON response', async () => {
    await start();
    const res = await post(gzipSync(otlpJson([{ body: 'invoice sent', attributes: { 'user.id': 'u1' } }])), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(lines).toEqual(['03:04:05.678 INFO  billing.jobs invoice sent user.id=u1']);
  });

  it('keeps only the last `ring` records', async () => {
    await start({ ring: 3 });
    await post(otlpJson(['a', 'b', 'c', 'd', 'e'].map((body) => ({ body }))), { 'content-type': 'application/json' });
    expect(receiver!.records().map((r) => r.body)).toEqual(['c', 'd', 'e']);
    expect(receiver!.stats()).toMatchObject({ received: 5, retained: 3 });
    expect(lines).toHaveLength(5);
  });

  it('refuses what is not an OTLP logs request, says why, and counts it', async () => {
    await start({ maxBodyBytes: 10_000 });
    const answers = await Promise.all([
      post('hello', { 'content-type': 'text/plain' }),
      post(otlpJson([{ body: 'x' }]), { 'content-type': 'application/json' }, '/v1/traces'),
      post('{"resourceLogs": 7}', { 'content-type': 'application/json' }),
      post(gzipSync(Buffer.alloc(100_000)), { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' }),
      fetch(`${receiver!.logsUrl}`),
    ]);
    expect(answers.map((r) => r.status)).toEqual([415, 404, 400, 413, 405]);
    expect(receiver!.stats().refusedRequests).toBe(5);
    expect(lines.filter((l) => l.startsWith('logweave dev: refused'))).toHaveLength(5);
    expect(receiver!.records()).toEqual([]);
  });

  it('throws a TypeError naming the option when an option is invalid', async () => {
    await expect(startDevReceiver({ ring: 0 })).rejects.toThrow(new TypeError('startDevReceiver: ring must be a positive integer, got 0'));
    await expect(startDevReceiver({ port: 70_000 })).rejects.toThrow(/startDevReceiver: port must be an integer 0\.\.65535/);
  });
});

describe('live page', () => {
  it('serves one self-contained page whose CSP allows only its own inline script', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/`);
    const html = await res.text();
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]+=*';/);
    expect(html).not.toMatch(/<script src|<link rel="stylesheet"|https?:\/\//);
    expect(html).not.toContain('innerHTML');
  });

  it('refuses the page and the events to a host name other than loopback (DNS rebinding)', async () => {
    const { port } = await start();
    const status = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /events HTTP/1.1\r\nHost: evil.example:80\r\n\r\n'));
      socket.once('data', (chunk) => resolve(chunk.toString().split('\r\n')[0]!));
    });
    expect(status).toBe('HTTP/1.1 403 Forbidden');
  });
});

describe('live events', () => {
  it('sends the ring backlog, then records as they arrive', async () => {
    await start({ ring: 2 });
    await post(otlpJson([{ body: 'old' }, { body: 'kept 1' }, { body: 'kept 2' }]), { 'content-type': 'application/json' });
    const events = await openEvents(`${receiver!.url}/events`);
    expect(events.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await post(otlpJson([{ body: 'live', severityNumber: 17 }]), { 'content-type': 'application/json' });
    const [hello, ...records] = await events.until(4);
    events.close();
    const { instance, ...rest } = JSON.parse(hello!.data);
    expect(rest).toEqual({ ring: 2, from: 2, missed: 0 });
    expect(records.map((e) => [e.id, JSON.parse(e.data).body])).toEqual([[`${instance}.2`, 'kept 1'], [`${instance}.3`, 'kept 2'], [`${instance}.4`, 'live']]);
    expect(JSON.parse(records[2]!.data)).toMatchObject({ seq: 4, severityNumber: 17, resource: { 'service.name': 'billing' } });
  });

  it('keeps a page that reads up to date through a request larger than the ring', async () => {
    await start({ ring: 2 });
    const events = await openEvents(`${receiver!.url}/events`);
    await post(otlpJson(['1', '2', '3', '4', '5', '6'].map((body) => ({ body }))), { 'content-type': 'application/json' });
    const [, ...records] = await events.until(7);
    events.close();
    expect(records.map((e) => JSON.parse(e.data).body)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(receiver!.stats().slowClientsDropped).toBe(0);
  });

  it('resumes after Last-Event-ID and says how many records the ring lost meanwhile', async () => {
    await start({ ring: 2 });
    const first = await openEvents(`${receiver!.url}/events`);
    await post(otlpJson([{ body: '1' }]), { 'content-type': 'application/json' });
    const [, seen] = await first.until(2);
    first.close();
    await post(otlpJson(['2', '3', '4', '5'].map((body) => ({ body }))), { 'content-type': 'application/json' });
    const events = await openEvents(`${receiver!.url}/events`, { 'last-event-id': seen!.id! });
    const [hello, ...records] = await events.until(3);
    events.close();
    expect(JSON.parse(hello!.data)).toMatchObject({ from: 4, missed: 2 });
    expect(records.map((e) => JSON.parse(e.data).body)).toEqual(['4', '5']);
  });

  it('starts over when Last-Event-ID comes from another receiver (a restart)', async () => {
    await start({ ring: 2 });
    await post(otlpJson(['1', '2', '3'].map((body) => ({ body }))), { 'content-type': 'application/json' });
    const events = await openEvents(`${receiver!.url}/events`, { 'last-event-id': 'a1b2c3d4.1' });
    const [hello, ...records] = await events.until(3);
    events.close();
    expect(JSON.parse(hello!.data)).toMatchObject({ from: 2, missed: 0 });
    expect(records.map((e) => JSON.parse(e.data).body)).toEqual(['2', '3']);
  });

  it('disconnects and counts a client that stops reading once it falls a ring behind', async () => {
    const { port } = await start({ ring: 8 });
    const stalled = connect(port, '127.0.0.1', () => stalled.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
    stalled.pause();
    await expect.poll(() => receiver!.stats().liveClients).toBe(1);
    const batch = otlpJson(Array.from({ length: 16 }, () => ({ body: 'x'.repeat(64 * 1024) })));
    // Enough to fill the kernel's socket buffers; a client that reads would take it all in.
    for (let i = 0; i < 200 && receiver!.stats().slowClientsDropped === 0; i++) {
      await post(batch, { 'content-type': 'application/json' });
    }
    stalled.destroy();
    expect(receiver!.stats()).toMatchObject({ slowClientsDropped: 1, liveClients: 0, retained: 8 });
  });
});
