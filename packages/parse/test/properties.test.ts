import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  lineParser,
  parseAccessLog,
  parseBody,
  parseJson,
  parseKeyValue,
  parseLogfmt,
  parseSyslog,
  type ParsedLine,
} from '../src/index.ts';
import { sdkLines, setUp } from '@logweave/sdk-lines';
import { fixtureLines, isoTime } from './helpers.ts';

const auto = lineParser();
const parsers: [string, (line: string) => ParsedLine | undefined][] = [
  ['auto', auto],
  ['json', (l) => parseJson(l)],
  ['logfmt', (l) => parseLogfmt(l)],
  ['kv', (l) => parseKeyValue(l)],
  ['syslog', (l) => parseSyslog(l)],
  ['clf', parseAccessLog],
  ['regex', lineParser({ formats: [{ regex: /^(?<time>\S+) (?<level>\w+) (?<msg>.*)$/ }] })],
];

const samples = [
  'pino.ndjson', 'winston.ndjson', 'bunyan.ndjson', 'logfmt.log', 'syslog-linux.log',
  'syslog-forwarded.log', 'syslog-rfc5424.log', 'nginx-access.log', 'apache-common.log',
].flatMap(fixtureLines);

/** A real line with a few characters replaced, inserted or deleted: the inputs parsers half-accept. */
const mutatedLine = fc
  .tuple(fc.constantFrom(...samples), fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '"', '\\', ' ', '[', ']', '=', '<', '>', '{', '}', ':', '-', '\n', '\u0000', 'é', '9')), { maxLength: 6 }))
  .map(([line, edits]) => edits.reduce((text, [at, insert]) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + insert + text.slice(i + (insert === '' ? 1 : at % 2));
  }, line));

const anyLine = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), mutatedLine);

/** What every result must look like: a record can take it as is. */
function wellFormed(parsed: ParsedLine | undefined): boolean {
  if (parsed === undefined) return true;
  const time = parsed.timestamp;
  return Number.isInteger(parsed.severityNumber) && parsed.severityNumber >= 0 && parsed.severityNumber <= 24 &&
    typeof parsed.attributes === 'object' &&
    (time === undefined || (Number.isInteger(time[0]) && time[0] >= 0 && Number.isInteger(time[1]) && time[1] >= 0 && time[1] < 1e9));
}

describe('parsers on arbitrary input', () => {
  it.each(parsers)('%s never throws and returns a well-formed result or undefined', (_, parse) => {
    fc.assert(fc.property(anyLine, (line) => wellFormed(parse(line))), { seed: 42, numRuns: 1500 });
  });

  it.each(sdkLines)('the stage never throws into the application on sdk-logs $line', (line) => {
    const stage = parseBody({ formats: ['auto', 'kv'] });
    const { logger, sink } = setUp(line, [stage]);
    fc.assert(fc.property(anyLine, (body) => {
      logger.emit({ body });
    }), { seed: 42, numRuns: 500 });
    const stats = stage.stats();
    const parsed = Object.values(stats.parsed).reduce((a, b) => a + b, 0);
    expect(parsed + stats.unparsed + stats.tooLong).toBe(sink.records.length);
  });

  it('returns in linear time on inputs built to make backtracking parsers explode', () => {
    const n = 60_000;
    const hostile = [
      '"'.repeat(n), 'a='.repeat(n / 2), `a="${'\\'.repeat(n)}`, `<13>1 2026-11-20T06:25:03Z h a - - ${'['.repeat(n)}`,
      `1.2.3.4 - - [${' ['.repeat(n / 2)}`, `{${'"a":{'.repeat(n / 6)}`, `Nov 20 06:25:01 h ${'a['.repeat(n / 2)}`,
      `${'x '.repeat(n / 2)}[`, `1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "${'\\"'.repeat(n / 2)}`,
    ];
    for (const line of hostile) for (const [, parse] of parsers) expect(wellFormed(parse(line))).toBe(true);
  });
});

describe('parsers on generated valid input', () => {
  const key = fc.stringMatching(/^k_[a-z0-9_.]{0,12}$/);
  const value = fc.string({ unit: 'grapheme', maxLength: 20 });

  it('logfmt reads back every pair it is given, whatever the value holds', () => {
    fc.assert(fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 8 }), (pairs) => {
      const line = Object.entries(pairs).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
      expect(parseLogfmt(line)?.attributes).toEqual(pairs);
    }), { seed: 42, numRuns: 500 });
  });

  it('JSON reads back the message and every flat field', () => {
    fc.assert(fc.property(value, fc.dictionary(key, fc.oneof(value, fc.integer(), fc.boolean())), (msg, fields) => {
      const parsed = parseJson(JSON.stringify({ msg, ...fields }));
      expect(parsed?.body).toBe(msg);
      expect(parsed?.attributes).toEqual(fields);
    }), { seed: 42, numRuns: 500 });
  });

  it('reads back any RFC 3339 time to the nanosecond, with any offset', () => {
    const time = fc.record({
      ms: fc.integer({ min: 86_400_000, max: 253_402_300_799_000 - 86_400_000 }),
      nanos: fc.integer({ min: 0, max: 999_999 }),
      offset: fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
    });
    fc.assert(fc.property(time, ({ ms, nanos, offset }) => {
      const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
      const sign = offset < 0 ? '-' : '+';
      const abs = Math.abs(offset);
      const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      const parsed = parseJson(`{"time":"${local}${String(nanos).padStart(6, '0')}${zone}"}`);
      const expected = `${new Date(ms).toISOString().slice(0, 23)}${String(nanos).padStart(6, '0')}Z`;
      expect(isoTime(parsed?.timestamp)).toBe(expected);
    }), { seed: 42, numRuns: 500 });
  });
});
