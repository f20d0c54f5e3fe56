import { describe, expect, it } from 'vitest';
import { parseBody, parseKeyValue, parseLogfmt } from '../src/index.ts';
import { fixtureLines, isoTime, sdkLines, throughStage } from './helpers.ts';

describe.each(sdkLines)('parseBody on logfmt, sdk-logs $line', (line) => {
  it('reads Heroku router and Go service lines: msg, level / lvl / at, time / ts / t, values as strings', () => {
    const stage = parseBody();
    const records = throughStage(line, stage, fixtureLines('logfmt.log'));

    expect(stage.stats().parsed).toEqual({ logfmt: 7 });
    expect(records.map((r) => [r.severityNumber, r.severityText])).toEqual([
      [9, 'info'], [17, 'error'], [9, 'INFO'], [13, 'WARN'], [17, 'error'], [5, 'debug'], [17, 'eror'],
    ]);
    expect(records[0]!.attributes).toMatchObject({ method: 'GET', path: '/api/orders', fwd: '203.0.113.7', status: '200', dyno: 'web.1' });
    expect(records[1]!.attributes['desc']).toBe('Request timeout');
    expect(records.slice(2).map((r) => r.body)).toEqual([
      'starting server', 'retrying request', 'failed to process job', 'cache warmed', 'handler crashed\nwith a newline',
    ]);
    expect(records.slice(2).map((r) => isoTime(r.hrTime))).toEqual([
      '2026-11-20T05:25:03.512000000Z', '2026-11-20T05:25:04.001000000Z', '2026-11-20T06:25:05.000000000Z',
      '2026-11-20T06:25:06.000000000Z', '2026-11-20T05:25:07.000000000Z',
    ]);
    expect(records[3]!.attributes).toEqual({ attempt: '2', err: 'dial tcp 10.0.0.7:5432: connect: connection refused' });
    expect(records[5]!.attributes).toEqual({ caller: 'main.go:42', entries: '10240' });
  });

  it('reads key=value pairs in free text with kv, keeping the line as body', () => {
    const body = 'Accepted connection from 10.0.0.1 user=bob port=22 tls="TLS 1.3" GET /a?b=c 9x=no';
    const [record] = throughStage(line, parseBody({ formats: ['kv'] }), [body]);
    expect(record!.body).toBe(body);
    expect(record!.attributes).toEqual({ user: 'bob', port: '22', tls: 'TLS 1.3' });
  });

  it('reads your own format with a regex: named groups to the record, renamed to semantic conventions', () => {
    const format = {
      regex: /^(?<time>\S+) \[(?<level>[A-Z]+)\] (?<method>[A-Z]+) (?<path>\S+) (?<msg>.*)$/,
      name: 'shop',
      attributes: { method: 'http.request.method', path: 'url.path' },
    };
    const stage = parseBody({ formats: ['json', format] });
    const [record] = throughStage(line, stage, ['2026-11-20T06:25:03.5Z [WARN] GET /cart slow response']);
    expect(record!.body).toBe('slow response');
    expect([record!.severityNumber, record!.severityText]).toEqual([13, 'WARN']);
    expect(isoTime(record!.hrTime)).toBe('2026-11-20T06:25:03.500000000Z');
    expect(record!.attributes).toEqual({ 'http.request.method': 'GET', 'url.path': '/cart' });
    expect(stage.stats().parsed).toEqual({ shop: 1 });
  });
});

describe('parseLogfmt', () => {
  it('reads a bare key as true and an empty value as an empty string', () => {
    expect(parseLogfmt('a=1 debug b= c="x y"')?.attributes).toEqual({ a: '1', debug: true, b: '', c: 'x y' });
  });

  it.each([['a="unterminated'], ['a="x"y'], ['="no key"'], ['just words'], ['a=1 "stray quote"'], ['']])('reads no logfmt in %j', (text) => {
    expect(parseLogfmt(text)).toBeUndefined();
  });

  it('leaves a level it does not know as an attribute', () => {
    const parsed = parseLogfmt('at=startup msg=ready');
    expect(parsed?.severityNumber).toBe(0);
    expect(parsed?.attributes).toEqual({ at: 'startup' });
  });
});

describe('parseKeyValue', () => {
  it('reads nothing from text without pairs', () => {
    expect(parseKeyValue('nothing to see = here')).toBeUndefined();
  });
});
