import { ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { all, attr, bodyMatches, scope, severityAtLeast, SeverityNumber } from '@logweave/core';
import { drop, keep } from '../src/index.ts';
import { sdkLines, setUp } from '@logweave/sdk-lines';
import { inTrace } from './in-trace.ts';

describe.each(sdkLines)('keep and drop on sdk-logs $line', (line) => {
  it('keeps only the records a predicate holds for', () => {
    const { logger, processor, sink } = setUp(line, [keep(severityAtLeast('WARN'))]);
    logger.emit({ severityNumber: SeverityNumber.INFO, body: 'cart viewed' });
    logger.emit({ severityNumber: SeverityNumber.ERROR, body: 'payment declined' });
    expect(sink.bodies()).toEqual(['payment declined']);
    expect(processor.stats().droppedBy).toEqual({ keep: 1 });
  });

  it('drops the records a predicate holds for', () => {
    const { logger, processor, sink } = setUp(line, [drop(all(attr('http.route', '/healthz'), bodyMatches(/^GET /)))]);
    logger.emit({ body: 'GET /healthz 200', attributes: { 'http.route': '/healthz' } });
    logger.emit({ body: 'GET /orders 200', attributes: { 'http.route': '/orders' } });
    expect(sink.bodies()).toEqual(['GET /orders 200']);
    expect(processor.stats().droppedBy).toEqual({ drop: 1 });
  });

  it('counts under the given name so that two filters are told apart', () => {
    const { provider, processor } = setUp(line, [
      drop({ when: scope('health'), name: 'drop-health' }),
      drop({ when: bodyMatches('heartbeat'), name: 'drop-heartbeat' }),
    ]);
    provider.getLogger('health').emit({ body: 'ok' });
    provider.getLogger('worker').emit({ body: 'heartbeat 42' });
    expect(processor.stats().droppedBy).toEqual({ 'drop-health': 1, 'drop-heartbeat': 1 });
  });

  it('hands the emit context to the predicate', () => {
    const inCheckoutTrace = (_record: unknown, context?: Context) =>
      trace.getSpanContext(context ?? ROOT_CONTEXT)?.traceId === '4bf92f3577b34da6a3ce929d0e0e4736';
    const { logger, sink } = setUp(line, [keep(inCheckoutTrace)]);
    logger.emit({ body: 'in trace', context: inTrace('4bf92f3577b34da6a3ce929d0e0e4736') });
    logger.emit({ body: 'elsewhere', context: inTrace('0af7651916cd43dd8448eb211c80319c') });
    expect(sink.bodies()).toEqual(['in trace']);
  });
});

describe('keep and drop options', () => {
  it('throws a TypeError naming the stage when the predicate is missing', () => {
    expect(() => keep(undefined as never)).toThrow(/keep: options must be an object/);
    expect(() => drop({} as never)).toThrow(/drop: when \(the predicate\) must be a function/);
    expect(() => keep({ when: () => true, name: '' })).toThrow(/keep: name must be a non-empty string/);
  });
});
