import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveTargetOptions } from '../../src/target-options.ts';
import { HeaderSource } from '../../src/transport/headers.ts';
import { startRawCollector } from './raw-collector.ts';
import { useFakeTime } from '@logweave/sdk-lines/fake-time';
import { encodedRequest, makeTarget } from './support.ts';

const open = new AbortController().signal;
let collector: Awaited<ReturnType<typeof startRawCollector>>;
beforeEach(async () => {
  collector = await startRawCollector();
});
afterEach(() => collector.close());

describe('headers', () => {
  it('calls a headers function before every request (a rotating token)', async () => {
    let issued = 0;
    const target = makeTarget({ url: collector.url, headers: () => ({ authorization: `Bearer token-${++issued}` }) });
    const request = await encodedRequest(1);
    for (let i = 0; i < 3; i++) await target.send(request, open);
    expect(collector.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2', 'Bearer token-3']);
    await target.close();
  });

  it('awaits an async provider, and sends the variables headers under its own', async () => {
    const source = new HeaderSource({ 'x-tenant': 'from-env', 'x-region': 'eu' }, async () => ({ 'x-tenant': 'shop' }), 'test');
    await expect(source.resolve()).resolves.toEqual({ 'x-tenant': 'shop', 'x-region': 'eu' });
    const target = makeTarget({ url: collector.url, headers: async () => ({ 'x-api-key': 'k-1' }) });
    await target.send(await encodedRequest(1), open);
    expect(collector.requests[0]!.headers['x-api-key']).toBe('k-1');
    await target.close();
  });

  it('fails only the attempt, retryably, when the provider throws, rejects or returns no headers', async () => {
    const answers: (() => Record<string, string> | Promise<Record<string, string>>)[] = [
      () => {
        throw new Error('token service down');
      },
      () => Promise.reject(new Error('token expired')),
      () => ({ authorization: 42 }) as unknown as Record<string, string>,
      () => ({ authorization: 'Bearer ok' }),
    ];
    let call = 0;
    const target = makeTarget({ url: collector.url, headers: () => answers[call++]!() });
    const request = await encodedRequest(1);
    const results = [];
    for (let i = 0; i < answers.length; i++) results.push(await target.send(request, open));
    expect(results).toEqual([
      { ok: false, retryable: true, error: 'headers provider failed: token service down' },
      { ok: false, retryable: true, error: 'headers provider failed: token expired' },
      { ok: false, retryable: true, error: "headers provider: 'authorization' must be a string, got number" },
      { ok: true, rejected: 0, message: '' },
    ]);
    expect(collector.requests.map((r) => r.headers.authorization)).toEqual(['Bearer ok']);
    await target.close();
  });

  it('gives up on a provider that never answers at the request deadline', async () => {
    const request = await encodedRequest(1);
    useFakeTime();
    try {
      const target = makeTarget({ url: collector.url, timeoutMillis: 3000, headers: () => new Promise(() => {}) });
      const sent = target.send(request, open);
      await vi.advanceTimersByTimeAsync(3000);
      await expect(sent).resolves.toEqual({ ok: false, retryable: true, error: 'deadline: no complete response within 3000 ms' });
      expect(collector.requests).toHaveLength(0);
      await target.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the content type its own, whatever the headers say', async () => {
    const target = makeTarget({ url: collector.url, headers: { 'content-type': 'text/plain', 'x-a': '1' } });
    await target.send(await encodedRequest(1), open);
    expect(collector.requests[0]!.headers).toMatchObject({ 'content-type': 'application/x-protobuf', 'x-a': '1' });
    await target.close();
  });

  it('refuses fixed headers that cannot be sent, at set-up', () => {
    expect(() => resolveTargetOptions({ headers: { 'x-a': 'line\nbreak' } }, 'otlpTarget', {})).toThrow(
      /^otlpTarget: headers: 'x-a' cannot be sent/,
    );
    expect(() => resolveTargetOptions({ headers: { 'x-a': 1 as unknown as string } }, 'otlpTarget', {})).toThrow(
      new TypeError("otlpTarget: headers: 'x-a' must be a string, got number"),
    );
    expect(() => resolveTargetOptions({ headers: 'x=1' as unknown as Record<string, string> }, 'otlpTarget', {})).toThrow(TypeError);
  });
});
