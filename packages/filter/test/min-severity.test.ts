import { describe, expect, it } from 'vitest';
import { SeverityNumber } from '@logweave/core';
import { minSeverity } from '../src/index.ts';
import { sdkLines, setUp } from '@logweave/sdk-lines';

const { DEBUG, INFO, WARN, ERROR, TRACE } = SeverityNumber;

describe.each(sdkLines)('minSeverity on sdk-logs $line', (line) => {
  it('answers logger.enabled() false below the minimum so the record is never built', () => {
    const stage = minSeverity('INFO');
    const { logger, processor, sink } = setUp(line, [stage]);

    expect(logger.enabled({ severityNumber: DEBUG })).toBe(false);
    expect(logger.enabled({ severityNumber: INFO })).toBe(true);
    expect(logger.enabled({})).toBe(true);
    logger.emit({ severityNumber: DEBUG, body: 'cache miss' });
    logger.emit({ severityNumber: WARN, body: 'disk 91% full' });

    expect(sink.bodies()).toEqual(['disk 91% full']);
    // The SDK asked enabled() before building the DEBUG record: the pipeline never saw it.
    expect(processor.stats()).toMatchObject({ received: 1, forwarded: 1 });
    expect(stage.stats().disabledAnswers).toBe(2);
  });

  it('applies exact, prefix and RegExp scope rules before the default', () => {
    const stage = minSeverity({
      default: 'WARN',
      byScope: [
        ['db.*', 'ERROR'],
        ['db.pool', 'DEBUG'],
        [/^http\b/, 'INFO'],
      ],
    });
    const { provider } = setUp(line, [stage]);
    const enabledAt = (scope: string, severityNumber: number) => provider.getLogger(scope).enabled({ severityNumber });

    expect(enabledAt('db.query', WARN)).toBe(false);
    expect(enabledAt('db.query', ERROR)).toBe(true);
    expect(enabledAt('db.pool', DEBUG)).toBe(true);
    expect(enabledAt('db.pool', TRACE)).toBe(false);
    expect(enabledAt('http server', INFO)).toBe(true);
    expect(enabledAt('checkout', INFO)).toBe(false);
    expect(enabledAt('checkout', WARN)).toBe(true);
  });

  it('prefers the longest prefix when several match', () => {
    const { provider, sink } = setUp(line, [minSeverity({ byScope: { 'db.*': 'ERROR', 'db.replica.*': 'INFO' } })]);
    provider.getLogger('db.replica.eu').emit({ severityNumber: INFO, body: 'replica lag 2s' });
    provider.getLogger('db.primary').emit({ severityNumber: INFO, body: 'checkpoint' });
    expect(sink.bodies()).toEqual(['replica lag 2s']);
  });

  it('drops in process() what enabled() could not see, counting the reason', () => {
    const stage = minSeverity({ default: 'INFO', unspecified: 'drop' });
    const { logger, processor, sink } = setUp(line, [
      // An earlier stage lowers the severity after the SDK asked enabled().
      { name: 'demote', process: (r) => void (r.body === 'noisy' && r.setSeverityNumber(DEBUG)) },
      stage,
    ]);
    logger.emit({ severityNumber: INFO, body: 'noisy' });
    logger.emit({ body: 'no severity' });
    logger.emit({ severityNumber: INFO, body: 'order placed' });

    expect(sink.bodies()).toEqual(['order placed']);
    expect(stage.stats().dropped).toEqual({ belowMinimum: 1, unspecified: 1 });
    expect(processor.stats().droppedBy).toEqual({ minSeverity: 2 });
  });

  it('keeps records without a severity by default, as the SDK does', () => {
    const { logger, sink } = setUp(line, [minSeverity('ERROR')]);
    logger.emit({ body: 'plain text from a bridge' });
    expect(sink.bodies()).toEqual(['plain text from a bridge']);
  });

  it('leaves enabled() to later stages when answerEnabled is false', () => {
    const { logger, sink } = setUp(line, [minSeverity({ default: 'WARN', answerEnabled: false })]);
    expect(logger.enabled({ severityNumber: DEBUG })).toBe(true);
    logger.emit({ severityNumber: DEBUG, body: 'debug' });
    expect(sink.bodies()).toEqual([]);
  });
});

describe('minSeverity options', () => {
  it('throws a TypeError naming the option when a level is not a severity', () => {
    expect(() => minSeverity('LOUD' as 'WARN')).toThrow(/minSeverity: default: severity must be/);
    expect(() => minSeverity({ byScope: { db: 30 } })).toThrow(/minSeverity: byScope db: severity must be/);
    expect(() => minSeverity({ byScope: [['', 'INFO']] })).toThrow(/minSeverity: byScope\[0\] must name a scope/);
    expect(() => minSeverity({ byScope: 'db' as never })).toThrow(/minSeverity: byScope must be an object/);
    expect(() => minSeverity({ unspecified: 'maybe' as 'keep' })).toThrow(/minSeverity: unspecified must be one of/);
  });
});
