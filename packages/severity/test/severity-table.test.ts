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
    [{ numbers: 'common' as 'otel' }, "severityTable: numbers must be 'none' or one of otel, syslog"],
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
