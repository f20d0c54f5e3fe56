import { SeverityNumber } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { all, any, attr, bodyMatches, not, scope, severityAtLeast, type Predicate } from '../src/index.ts';
import { sdkLines, setUp } from './sdk-lines.ts';

const [line] = sdkLines;

/** Which of the emitted records `predicate` accepts, judged inside a real pipeline. */
function accepted(predicate: Predicate): unknown[] {
  const hits: unknown[] = [];
  const { provider } = setUp(line, { stages: [{ name: 'probe', process: (r) => void (predicate(r) && hits.push(r.body)) }] });
  const http = provider.getLogger('shop.http');
  const db = provider.getLogger('shop.db');
  http.emit({ severityNumber: SeverityNumber.DEBUG, body: 'GET /healthz', attributes: { 'http.response.status_code': 200 } });
  http.emit({ severityNumber: SeverityNumber.WARN, body: 'GET /cart slow', attributes: { 'user.id': 'u-1' } });
  db.emit({ severityNumber: SeverityNumber.ERROR, body: { sql: 'SELECT 1' }, attributes: { 'user.id': 'admin-7' } });
  db.emit({ body: 'no severity' });
  return hits;
}

describe('predicates', () => {
  it('severityAtLeast takes a number or a range name and never matches records without severity', () => {
    expect(accepted(severityAtLeast('WARN'))).toEqual(['GET /cart slow', { sql: 'SELECT 1' }]);
    expect(accepted(severityAtLeast(SeverityNumber.ERROR))).toEqual([{ sql: 'SELECT 1' }]);
  });

  it('attr compares primitives, tests strings with a RegExp, or calls a function', () => {
    expect(accepted(attr('http.response.status_code', 200))).toEqual(['GET /healthz']);
    expect(accepted(attr('user.id', /^admin-/g))).toEqual([{ sql: 'SELECT 1' }]);
    expect(accepted(attr('user.id', /^admin-/g))).toEqual([{ sql: 'SELECT 1' }]);
    expect(accepted(attr('user.id', (v) => typeof v === 'string' && v.length === 3))).toEqual(['GET /cart slow']);
  });

  it('scope matches the logger name exactly or by RegExp', () => {
    expect(accepted(scope('shop.db'))).toEqual([{ sql: 'SELECT 1' }, 'no severity']);
    expect(accepted(scope(/^shop\.h/))).toEqual(['GET /healthz', 'GET /cart slow']);
  });

  it('bodyMatches only looks at string bodies', () => {
    expect(accepted(bodyMatches('/healthz'))).toEqual(['GET /healthz']);
    expect(accepted(bodyMatches(/SELECT|slow/))).toEqual(['GET /cart slow']);
  });

  it('all, any and not combine predicates', () => {
    expect(accepted(all(scope('shop.http'), severityAtLeast('WARN')))).toEqual(['GET /cart slow']);
    expect(accepted(any(bodyMatches('healthz'), attr('user.id', 'admin-7')))).toEqual(['GET /healthz', { sql: 'SELECT 1' }]);
    expect(accepted(not(scope('shop.http')))).toEqual([{ sql: 'SELECT 1' }, 'no severity']);
  });

  it.each([
    [() => severityAtLeast('LOUD' as never), /severityAtLeast: severity must be an integer 1\.\.24/],
    [() => severityAtLeast(25), /severityAtLeast: severity must be/],
    [() => attr('', 'x'), /attr: key must be a non-empty string/],
    [() => attr('k', {} as never), /attr: matcher must be/],
    [() => all(), /all: expects one or more predicate functions/],
    [() => not('x' as never), /not: expects one or more predicate functions/],
  ])('refuses bad arguments at set-up (%#)', (make, message) => {
    expect(make).toThrow(message);
  });
});
