import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBody, parseKeyValue, parseLogfmt } from '../src/index.ts';
import { sdkLines } from '@logweave/sdk-lines';
import { fixtureLines, isoTime, throughStage } from './helpers.ts';

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

const TOKEN = 'abcdefghijklmnopqrstuv';

describe('parseBody on words that lead on to the next one', () => {
  it('leaves `password= Bearer <token>` as it is and counts it unparsed, so that no key holds the token', () => {
    const stage = parseBody();
    const [record] = throughStage(sdkLines[0], stage, [`password= Bearer ${TOKEN}`]);
    expect(record!.body).toBe(`password= Bearer ${TOKEN}`);
    expect(record!.attributes).toEqual({});
    expect(stage.stats()).toMatchObject({ parsed: {}, unparsed: 1 });
  });

  it('skips the words after `key=`, a scheme or `key:` in kv, and keeps the pairs around them', () => {
    const lines = [`login password= Bearer ${TOKEN} user=bob`, `sent token: ${TOKEN}= port=22 tls=1.3`];
    const records = throughStage(sdkLines[0], parseBody({ formats: ['kv'] }), lines);
    expect(records.map((r) => r.attributes)).toEqual([{ password: '', user: 'bob' }, { tls: '1.3' }]);
    expect(records.map((r) => r.body)).toEqual(lines);
  });
});

describe('parseLogfmt on ambiguous lines', () => {
  it.each([
    [`password= Bearer ${TOKEN}`, 'a bare word after an empty value'],
    ['password= hunter2', 'a bare word after an empty value'],
    [`password= ${TOKEN}=`, 'a pair without a value after an empty value'],
    [`level=error Bearer ${TOKEN}==`, 'a pair after an authentication scheme'],
    [`authorization=Bearer ${TOKEN}`, 'a word after a value that is a scheme'],
    [`msg==Bearer ${TOKEN}`, 'a word after a value that ends with a scheme'],
    ['msg=token: abc=def', 'a pair after a value that ends with a colon'],
    ['msg=password= hunter2', 'a word after a value that ends with `=`'],
    ['level=info starting the server', 'a bare word after another'],
    ['a=1 4111 1111 1111 1111', 'bare words that are no identifiers'],
    [`a=1 ${'x'.repeat(33)}`, 'a bare word longer than 32 characters'],
    ['https://user:pa=ss@host/x', 'a key that is no identifier'],
  ])('reads no logfmt in %j: %s', (line) => {
    expect(parseLogfmt(line)).toBeUndefined();
  });

  it.each([
    ['a=1 debug b= c="x y"', { a: '1', debug: true, b: '', c: 'x y' }],
    ['a= b=1', { a: '', b: '1' }],
    ['@timestamp=x a=1 dry-run', { '@timestamp': 'x', a: '1', 'dry-run': true }],
    ['a=1 Bearer', { a: '1', Bearer: true }],
  ])('still reads %j', (line, attributes) => {
    expect(parseLogfmt(line)?.attributes).toEqual(attributes);
  });

  it('never turns a token after a key or a scheme into an attribute key or value', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9_.~+/-]{16,40}={0,2}$/);
    const lead = fc.constantFrom('password= ', 'password= Bearer ', 'level=error Bearer ', 'authorization=Bearer ', 'msg=token: ',
      'msg=password= ', 'a=1 basic ', 'level=warn Authorization: Bearer ', 'msg="token:" ');
    const after = fc.constantFrom('', ' user=bob', ' done', ' x= y=2');
    fc.assert(fc.property(lead, token, after, (before, secret, rest) => {
      const core = secret.replace(/=+$/, '');
      for (const parsed of [parseLogfmt(`${before}${secret}${rest}`), parseKeyValue(`${before}${secret}${rest}`)]) {
        const attributes = Object.entries(parsed?.attributes ?? {});
        expect(attributes.filter(([key, value]) => key.includes(core) || String(value).includes(core))).toEqual([]);
        expect(String(parsed?.body ?? '')).not.toContain(core);
      }
    }), { seed: 42, numRuns: 1000 });
  });
});
