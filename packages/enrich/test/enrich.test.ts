import { ROOT_CONTEXT, propagation } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { afterEach, describe, expect, it } from 'vitest';
import { enrich, withLogContext, type EnrichOptions } from '../src/index.ts';
import { sdkLines, setUp } from './sdk-lines.ts';

afterEach(() => {
  setGlobalErrorHandler(() => {});
});

describe.each(sdkLines)('enrich on sdk-logs $line', (line) => {
  it('adds static attributes to every record', () => {
    const { logger, records } = setUp(line, [enrich({ attributes: { 'deployment.environment.name': 'prod', 'service.tier': 2 } })]);
    logger.emit({ body: 'order placed' });
    logger.emit({ body: 'order shipped', attributes: { 'order.id': 'o-1' } });
    expect(records.map((r) => r.attributes)).toEqual([
      { 'deployment.environment.name': 'prod', 'service.tier': 2 },
      { 'order.id': 'o-1', 'deployment.environment.name': 'prod', 'service.tier': 2 },
    ]);
  });

  it('computes attributes from the record, skipping an undefined result', () => {
    const stage = enrich({
      computed: {
        'order.large': (r) => (typeof r.attributes['order.total'] === 'number' ? r.attributes['order.total'] > 1000 : undefined),
        'log.body.length': (r) => (typeof r.body === 'string' ? r.body.length : undefined),
      },
    });
    const { logger, records } = setUp(line, [stage]);
    logger.emit({ body: 'paid', attributes: { 'order.total': 1500 } });
    logger.emit({ body: { structured: true } });
    expect(records[0]!.attributes).toEqual({ 'order.total': 1500, 'order.large': true, 'log.body.length': 4 });
    expect(records[1]!.attributes).toEqual({});
  });

  it('keeps what the application set unless overwrite is on', () => {
    const options: EnrichOptions = { attributes: { 'service.tier': 'gold' }, computed: { 'order.id': () => 'computed' } };
    const kept = setUp(line, [enrich(options)]);
    kept.logger.emit({ body: 'x', attributes: { 'service.tier': 'app', 'order.id': 'app' } });
    expect(kept.records[0]!.attributes).toEqual({ 'service.tier': 'app', 'order.id': 'app' });

    const replaced = setUp(line, [enrich({ ...options, overwrite: true })]);
    replaced.logger.emit({ body: 'x', attributes: { 'service.tier': 'app', 'order.id': 'app' } });
    expect(replaced.records[0]!.attributes).toEqual({ 'service.tier': 'gold', 'order.id': 'computed' });
  });

  it('does not call a computed function for a key the record already has', () => {
    let calls = 0;
    const { logger } = setUp(line, [enrich({ computed: { 'order.id': () => `o-${++calls}` } })]);
    logger.emit({ body: 'a', attributes: { 'order.id': 'app' } });
    logger.emit({ body: 'b' });
    expect(calls).toBe(1);
  });

  it('lets the request context win over a static attribute of the same key', () => {
    const { logger, records } = setUp(line, [enrich({ attributes: { 'tenant.id': 'default' } })]);
    withLogContext({ 'tenant.id': 'acme' }, () => logger.emit({ body: 'in request' }));
    logger.emit({ body: 'outside' });
    expect(records.map((r) => r.attributes['tenant.id'])).toEqual(['acme', 'default']);
  });

  it('lets computed attributes read what the context added', () => {
    const tiers: Record<string, string> = { acme: 'gold' };
    const stage = enrich({ computed: { 'tenant.tier': (r) => tiers[String(r.attributes['tenant.id'])] } });
    const { logger, records } = setUp(line, [stage]);
    withLogContext({ 'tenant.id': 'acme' }, () => logger.emit({ body: 'x' }));
    expect(records[0]!.attributes).toEqual({ 'tenant.id': 'acme', 'tenant.tier': 'gold' });
  });

  it('enriches the rest of the record and reports once when a computed function throws', () => {
    const reported: Error[] = [];
    setGlobalErrorHandler((e) => void reported.push(e as Error));
    const stage = enrich({
      attributes: { 'service.tier': 'gold' },
      computed: { broken: () => { throw new Error('lookup failed'); }, 'order.kind': () => 'retail' },
      recordUid: true,
    });
    const { logger, processor, records } = setUp(line, [stage]);
    expect(() => {
      logger.emit({ body: 'a' });
      logger.emit({ body: 'b' });
    }).not.toThrow();
    expect(records).toHaveLength(2);
    expect(records[1]!.attributes).toMatchObject({ 'service.tier': 'gold', 'order.kind': 'retail' });
    expect(records[1]!.attributes['log.record.uid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(records[1]!.attributes).not.toHaveProperty('broken');
    expect(processor.stats().stageErrors).toEqual({ enrich: 2 });
    expect(reported.map((e) => e.message)).toEqual(['logweave pipeline: stage enrich failed: lookup failed']);
  });

  it('leaves log.type out but enriches the rest when a classify rule throws', () => {
    const rules = [{ type: 'audit', when: () => { throw new Error('rule bug'); } }];
    const { logger, processor, records } = setUp(line, [enrich({ classify: { rules }, recordUid: true })]);
    logger.emit({ body: 'x' });
    expect(records[0]!.attributes).not.toHaveProperty('log.type');
    expect(records[0]!.attributes).toHaveProperty('log.record.uid');
    expect(processor.stats().stageErrors).toEqual({ enrich: 1 });
  });

  it('copies the other baggage entries when the key predicate throws on one', () => {
    const ctx = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({ 'tenant.id': { value: 'acme' }, bad: { value: 'x' }, 'region.id': { value: 'eu' } }),
    );
    const accept = (key: string) => {
      if (key === 'bad') throw new Error('predicate bug');
      return true;
    };
    const { logger, processor, records } = setUp(line, [enrich({ baggage: { keys: accept } })]);
    logger.emit({ body: 'x', context: ctx });
    expect(records[0]!.attributes).toEqual({ 'tenant.id': 'acme', 'region.id': 'eu' });
    expect(processor.stats().stageErrors).toEqual({ enrich: 1 });
  });

  it('copies selected resource attributes to the record', () => {
    const resource = resourceFromAttributes({ 'host.name': 'web-1', 'service.name': 'checkout' });
    const { logger, records } = setUp(line, [enrich({ resourceAttributes: ['host.name', 'cloud.region'] })], resource);
    logger.emit({ body: 'x' });
    expect(records[0]!.attributes).toEqual({ 'host.name': 'web-1' });
  });
});

describe('enrich options', () => {
  it.each([
    [{ name: '' }, 'enrich: name must be a non-empty string'],
    [{ attributes: { 'a.b': undefined } }, "enrich: attributes['a.b'] must be an attribute value"],
    [{ attributes: { f: () => 1 } }, "enrich: attributes['f'] must be an attribute value"],
    [{ computed: { k: 'v' } }, "enrich: computed['k'] must be a function of the record"],
    [{ context: { hashUserId: {} } }, 'enrich: context.hashUserId.key must be a non-empty string or Uint8Array'],
    [{ context: { hashUserId: { key: '' } } }, 'enrich: context.hashUserId.key must be a non-empty string or Uint8Array'],
    [{ baggage: { keys: [1] } }, 'enrich: baggage.keys must be an array of non-empty strings'],
    [{ exceptions: { maxCauseDepth: -1 } }, 'enrich: exceptions.maxCauseDepth must be a non-negative integer'],
    [{ classify: { rules: [{ type: 'security' }] } }, 'enrich: classify.rules[0] must be { type: non-empty string, when: predicate }'],
    [{ resourceAttributes: 'host.name' }, 'enrich: resourceAttributes must be an array of non-empty strings'],
    [{ overwrite: 'yes' }, 'enrich: overwrite must be a boolean'],
    [{ recordUid: 1 }, 'enrich: recordUid must be a boolean'],
  ])('throws a TypeError naming the option when given %j', (options, message) => {
    expect(() => enrich(options as unknown as EnrichOptions)).toThrow(TypeError);
    expect(() => enrich(options as unknown as EnrichOptions)).toThrow(message);
  });

  it('is named enrich unless told otherwise', () => {
    expect(enrich().name).toBe('enrich');
    expect(enrich({ name: 'tenant-tags' }).name).toBe('tenant-tags');
  });
});
