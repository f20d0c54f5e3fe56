import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  lookupSeverity,
  severityPresets,
  severityRangeName,
  severityShortName,
  severityTable,
  type NumericPresetName,
  type SeverityTableOptions,
} from '../src/index.ts';

const isSeverityNumber = (n: number) => Number.isInteger(n) && n >= 0 && n <= 24;
const numericPresets = Object.entries(severityPresets)
  .filter(([, preset]) => 'fromNumber' in preset)
  .map(([name]) => name as NumericPresetName);

describe('lookupSeverity', () => {
  it('maps the dialects the default presets cover when given text', () => {
    const levels = ['WRN', 'ERR', 'CRIT', 'EMERG', 'warning', 'Informational', 'SEVERE', 'dpanic', 'erreur', 'fehler', 'advertencia', 'INFO+2'];
    expect(levels.map((level) => lookupSeverity(level))).toEqual([13, 17, 18, 21, 13, 9, 17, 18, 17, 17, 13, 11]);
  });

  it('reads bare numbers as pino levels by default', () => {
    expect([10, 30, 50, 60, '40'].map((level) => lookupSeverity(level))).toEqual([1, 9, 17, 21, 13]);
  });

  it('reads no other bare number by default: where sources disagree, nothing is guessed', () => {
    const numbers = [0, 1, 3, 7, 24, 25, 35, 70, 100, 400, 404, 500, 1000, -1, 2.5, '3', '404'];
    expect(numbers.map((level) => lookupSeverity(level))).toEqual(numbers.map(() => 0));
  });

  it('maps each of the six pino levels and nothing else by default (property)', () => {
    const pino = new Map([[10, 1], [20, 5], [30, 9], [40, 13], [50, 17], [60, 21]]);
    fc.assert(fc.property(fc.integer({ min: -1000, max: 200000 }), (level) => lookupSeverity(level) === (pino.get(level) ?? 0)), { numRuns: 2000 });
  });

  it('maps the level words of logrus, Serilog, syslog, Japanese and Chinese by default', () => {
    const levels = ['WARN', 'INFO', 'ERRO', 'DEBU', 'TRAC', 'FATA', 'PANI', 'VRB', 'DBG', 'INF', 'WRN', 'ERR', 'FTL', 'warn', 'error', 'panic', '警告', 'エラー', '错误', '錯誤', '情報', '信息'];
    expect(levels.map((level) => lookupSeverity(level))).toEqual([13, 9, 17, 5, 1, 21, 21, 1, 5, 9, 13, 17, 21, 13, 17, 21, 13, 17, 17, 17, 9, 9]);
  });

  it('throws a TypeError for options that are not an object', () => {
    expect(() => severityTable(null as unknown as SeverityTableOptions)).toThrow('severityTable: options must be an object');
  });

  it('answers 0 for a text given as a number and a number given as text, and reads bigints as numbers', () => {
    const table = severityTable({ numbers: 'syslog' });
    expect([table.lookupText(3 as unknown as string), table.lookupNumber('3' as unknown as number), table.lookupNumber(3), table.lookup(3n)]).toEqual([0, 0, 17, 17]);
    expect([table.lookupNumber(NaN), table.lookup(`${' '.repeat(60)}warn`), table.lookup(`${' '.repeat(61)}warn`), table.lookup('')]).toEqual([0, 13, 0, 0]);
  });

  it('stores each word in the case forms records use: lower, upper and capitalised', () => {
    const table = severityTable({ presets: [], names: { 'Sévère': 'ERROR' } });
    expect(['sévère', 'SÉVÈRE', 'Sévère', 'severe', 'SEVERE', 'Severe', 'sÉvÈre'].map((word) => table.lookup(word))).toEqual([17, 17, 17, 17, 17, 17, 17]);
  });

  it('matches level words whatever their case and white space', () => {
    const forms = ['warn', 'WARN', ' Warn ', '\tWaRn\n', 'W A R N', 'ERROR + 2', 'Info\u00a0'];
    expect(forms.map((form) => lookupSeverity(form))).toEqual([13, 13, 13, 13, 13, 19, 9]);
  });

  it('resolves words several presets share by the order of the presets', () => {
    // syslog and Windows (Appendix B) say ERROR2 for critical; .NET and Python say FATAL.
    expect(lookupSeverity('critical')).toBe(18);
    expect(lookupSeverity('critical', severityTable({ presets: ['python', 'syslog'] }))).toBe(21);
    expect(lookupSeverity('crit', severityTable({ presets: ['winston-syslog'] }))).toBe(21);
  });

  it('returns 0 for anything that is no level', () => {
    expect(['', 'banana', 'x'.repeat(500), null, undefined, {}, [], true, Symbol('warn'), Number.NaN].map((v) => lookupSeverity(v))).toEqual(
      Array(10).fill(0),
    );
  });

  it('returns an integer 0..24 for any string', () => {
    const strings = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 80 }));
    fc.assert(
      fc.property(strings, (text) => isSeverityNumber(lookupSeverity(text))),
      { seed: 42, numRuns: 1000 },
    );
  });

  it('returns an integer 0..24 for any value', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withBoxedValues: true }), (value) => isSeverityNumber(lookupSeverity(value))),
      { seed: 42, numRuns: 1000 },
    );
  });

  it.each(numericPresets)('returns an integer 0..24 for any number read as %s', (numbers) => {
    const table = severityTable({ numbers });
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer({ min: -2000, max: 2000 })), (level) => isSeverityNumber(table.lookupNumber(level))),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('severityTable', () => {
  it('lets custom names win over every preset', () => {
    const table = severityTable({ names: { achtung: 'WARN', critical: 'fatal', 'sev-high': 20 } });
    expect(['Achtung', 'CRITICAL', 'sev-high', 'warning'].map((w) => table.lookupText(w))).toEqual([13, 21, 20, 13]);
  });

  it('maps numbers inside custom ranges before the numeric preset', () => {
    const table = severityTable({ ranges: { warn: [30, 39], error2: [40, 49] }, numbers: 'python' });
    expect([30, 35, 39, 39.5, 40, 49, 50, '33'].map((n) => table.lookup(n))).toEqual([13, 13, 13, 16, 18, 18, 21, 13]);
  });

  it('reads no bare numbers with numbers: none, except in ranges', () => {
    const table = severityTable({ numbers: 'none', ranges: { 14: [1, 1] } });
    expect([30, '30', 1].map((n) => table.lookup(n))).toEqual([0, 0, 14]);
  });

  it('always reads back the short names it writes', () => {
    const table = severityTable({ presets: [] });
    for (let n = 1; n <= 24; n++) {
      expect(table.lookup(severityShortName(n))).toBe(n);
      expect(table.lookup(severityRangeName(n))).toBe(n - ((n - 1) % 4));
    }
  });

  it.each<[SeverityTableOptions, string]>([
    [{ presets: ['syslog', 'nope' as 'syslog'] }, "severityTable: presets[1] must be one of otel, common"],
    [{ sources: ['body'] } as SeverityTableOptions, "severityTable: unknown option 'sources'; known: presets, numbers, names, ranges"],
    [{ presets: ['zap', 'zap'] }, "severityTable: presets[1] 'zap' is listed twice"],
    [{ presets: 'syslog' as unknown as [] }, 'severityTable: presets must be an array'],
    [{ numbers: 'common' as 'otel' }, "severityTable: numbers must be 'auto', 'none' or one of otel, syslog"],
    [{ names: { loud: 25 } }, "severityTable: names['loud'] must be a SeverityNumber 1..24 or a short name"],
    [{ names: { loud: 'SHOUT' } }, "got 'SHOUT'"],
    [{ names: { '  ': 9 } }, "severityTable: names key '  ' must be 1..64 characters"],
    [{ ranges: { warn: [39, 30] } }, "severityTable: ranges['warn'] must be [min, max] with finite min <= max; got [39, 30]"],
    [{ ranges: { warn: [30, Infinity] } }, "ranges['warn'] must be [min, max]"],
    [{ ranges: { loud: [1, 2] } }, "severityTable: ranges key 'loud' must be a SeverityNumber 1..24"],
    [{ ranges: { 25: [1, 2] } }, "severityTable: ranges key '25' must be a SeverityNumber 1..24"],
    [{ ranges: { warn: [30, 39], error: [39, 49] } }, "severityTable: ranges 'warn' [30, 39] and 'error' [39, 49] overlap"],
  ])('throws a TypeError naming the option for %j', (options, message) => {
    expect(() => severityTable(options)).toThrow(TypeError);
    expect(() => severityTable(options)).toThrow(message);
  });
});

describe('severityShortName', () => {
  it('names numbers as the data model displays them', () => {
    expect([0, 1, 4, 5, 10, 18, 24, 25, -1, 2.5].map(severityShortName)).toEqual([
      'UNSPECIFIED', 'TRACE', 'TRACE4', 'DEBUG', 'INFO2', 'ERROR2', 'FATAL4', 'UNSPECIFIED', 'UNSPECIFIED', 'UNSPECIFIED',
    ]);
  });
});
