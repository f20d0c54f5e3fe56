import { pipeline } from '@logweave/core';
import { memorySink } from '@logweave/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPipeline, type LoadedPipeline, type PredicateConfig } from '../src/index.ts';
import { sdkLines } from './helpers.ts';

const built: LoadedPipeline[] = [];
afterEach(async () => {
  await Promise.all(built.splice(0).map((b) => b.processor.shutdown()));
});

/**
 * The bodies a `keep` stage with `when` lets through, on the real SDK: the stage comes from the
 * configuration, the records go to an in-memory sink.
 */
function kept(line: (typeof sdkLines)[number], when: PredicateConfig): unknown[] {
  const loaded = buildPipeline({ stages: [{ keep: when }], sinks: { main: { otlp: { endpoint: 'http://127.0.0.1:9' } } } });
  built.push(loaded);
  const sink = memorySink();
  const provider = new line.sdk.LoggerProvider({ processors: [pipeline({ stages: [...loaded.stages], sink })] });
  const emit = (scope: string, severityNumber: number, body: string, attributes: Record<string, string | number> = {}) =>
    provider.getLogger(scope).emit({ severityNumber, body, attributes });
  emit('shop.http', 9, 'GET /cart 200', { 'http.route': '/cart', 'tenant.id': 'acme' });
  emit('shop.http', 13, 'GET /healthz slow', { 'http.route': '/healthz', 'http.response.status_code': 200 });
  emit('shop.db', 17, 'Query failed: timeout', { 'db.system': 'postgresql', 'tenant.id': 'globex' });
  emit('payments', 21, 'ledger corrupt', { 'tenant.id': 'initech' });
  return sink.bodies();
}

describe.each(sdkLines)('the predicate language on sdk-logs $line', (line) => {
  it('tests severity, attributes, scope and body', () => {
    expect(kept(line, { severityAtLeast: 'ERROR' })).toEqual(['Query failed: timeout', 'ledger corrupt']);
    expect(kept(line, { severityAtLeast: 13 })).toEqual(['GET /healthz slow', 'Query failed: timeout', 'ledger corrupt']);
    expect(kept(line, { attr: { key: 'tenant.id', equals: 'acme' } })).toEqual(['GET /cart 200']);
    expect(kept(line, { attr: { key: 'http.response.status_code', equals: 200 } })).toEqual(['GET /healthz slow']);
    expect(kept(line, { attr: { key: 'tenant.id', in: ['globex', 'initech'] } })).toEqual(['Query failed: timeout', 'ledger corrupt']);
    expect(kept(line, { attr: { key: 'http.route', matches: '^/HEALTH', flags: 'i' } })).toEqual(['GET /healthz slow']);
    expect(kept(line, { attr: { key: 'db.system', exists: true } })).toEqual(['Query failed: timeout']);
    expect(kept(line, { scope: 'payments' })).toEqual(['ledger corrupt']);
    expect(kept(line, { scope: { matches: '^shop\\.' } })).toEqual(['GET /cart 200', 'GET /healthz slow', 'Query failed: timeout']);
    expect(kept(line, { scope: { equals: 'shop.db' } })).toEqual(['Query failed: timeout']);
    expect(kept(line, { body: 'healthz' })).toEqual(['GET /healthz slow']);
    expect(kept(line, { body: { contains: 'GET' } })).toEqual(['GET /cart 200', 'GET /healthz slow']);
    expect(kept(line, { body: { matches: 'failed|corrupt' } })).toEqual(['Query failed: timeout', 'ledger corrupt']);
  });

  it('combines tests with all, any and not', () => {
    expect(kept(line, { all: [{ scope: { matches: '^shop' } }, { severityAtLeast: 'WARN' }] })).toEqual(['GET /healthz slow', 'Query failed: timeout']);
    expect(kept(line, { any: [{ body: 'cart' }, { scope: 'payments' }] })).toEqual(['GET /cart 200', 'ledger corrupt']);
    expect(kept(line, { not: { attr: { key: 'tenant.id', exists: true } } })).toEqual(['GET /healthz slow']);
    expect(kept(line, { all: [{ not: { body: 'healthz' } }, { any: [{ severityAtLeast: 'FATAL' }, { attr: { key: 'tenant.id', equals: 'acme' } }] }] }))
      .toEqual(['GET /cart 200', 'ledger corrupt']);
  });
});
