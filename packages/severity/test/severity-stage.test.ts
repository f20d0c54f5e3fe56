import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { severity, type SeverityOptions } from '../src/index.ts';
import { sdkLines, setUp } from '@logweave/sdk-lines';

describe.each(sdkLines)('severity on sdk-logs $line', (line) => {
  function run(options: SeverityOptions, emitted: Parameters<ReturnType<typeof setUp>['logger']['emit']>[0][]) {
    const stage = severity(options);
    const { logger, sink, processor } = setUp(line, [stage]);
    for (const record of emitted) logger.emit(record);
    const out = sink.records.map((r) => ({ number: r.severityNumber, text: r.severityText }));
    return { stage, sink, processor, out };
  }

  it('keeps a valid SeverityNumber and adds its short name when the record has no text', () => {
    const { out, stage } = run({}, [{ severityNumber: 17, body: 'payment declined' }, { severityNumber: 14, body: 'x' }]);
    expect(out).toEqual([{ number: 17, text: 'ERROR' }, { number: 14, text: 'WARN2' }]);
    expect(stage.stats().bySource.severityNumber).toBe(2);
  });

  it('maps SeverityText in any dialect and keeps the original wording by default', () => {
    const { out } = run({}, [{ severityText: 'WRN' }, { severityText: 'Informational' }, { severityText: 'avertissement' }]);
    expect(out).toEqual([
      { number: 13, text: 'WRN' },
      { number: 9, text: 'Informational' },
      { number: 13, text: 'avertissement' },
    ]);
  });

  it('replaces the text and keeps the original in an attribute when asked', () => {
    const { sink } = run({ overwriteText: true, originalTextAttribute: 'log.severity.original' }, [
      { severityText: 'warning', attributes: { 'user.id': 'u1' } },
      { severityText: 'ERROR' },
    ]);
    expect(sink.records[0]!.severityText).toBe('WARN');
    expect(sink.records[0]!.attributes).toEqual({ 'user.id': 'u1', 'log.severity.original': 'warning' });
    expect(sink.records[1]!.severityText).toBe('ERROR');
    expect(sink.records[1]!.attributes).toEqual({});
  });

  it('reads the level attributes, numbers as pino levels', () => {
    const { out, stage } = run({}, [
      { attributes: { level: 50 } },
      { attributes: { lvl: 'crit' } },
      { attributes: { severity: 'Fehler' } },
      { attributes: { 'log.level': '30' } },
    ]);
    expect(out).toEqual([
      { number: 17, text: 'ERROR' },
      { number: 18, text: 'ERROR2' },
      { number: 17, text: 'ERROR' },
      { number: 9, text: 'INFO' },
    ]);
    expect(stage.stats().bySource.attributes).toBe(4);
  });

  it('takes the first source that maps, in the configured order', () => {
    const record = { severityText: 'info', attributes: { level: 'error' } };
    expect(run({}, [record]).out[0]!.number).toBe(9);
    expect(run({ sources: ['attributes', 'severityText'] }, [record]).out[0]!.number).toBe(17);
    expect(run({ sources: ['severityText', 'attributes'] }, [{ severityText: 'gibberish', attributes: { level: 'warn' } }]).out[0]!.number).toBe(13);
  });

  it('reads HTTP status classes from an attribute given that numeric preset', () => {
    const { out } = run({ attributes: ['level', { key: 'http.response.status_code', numbers: 'http' }] }, [
      { attributes: { 'http.response.status_code': 503 } },
      { attributes: { 'http.response.status_code': 404 } },
      { attributes: { 'http.response.status_code': 200, level: 'warn' } },
    ]);
    expect(out.map((r) => r.number)).toEqual([17, 13, 13]);
  });

  it('applies custom names and ranges', () => {
    const { out } = run({ names: { achtung: 'WARN3' }, ranges: { error: [40, 49] }, numbers: 'none' }, [
      { severityText: 'ACHTUNG' },
      { attributes: { level: 44 } },
      { attributes: { level: 30 } },
    ]);
    expect(out).toEqual([
      { number: 15, text: 'ACHTUNG' },
      { number: 17, text: 'ERROR' },
      { number: undefined, text: undefined },
    ]);
  });

  it('infers from a body prefix only when the body source is enabled', () => {
    const bodies = [
      'ERROR: disk full',
      '[warn] retrying in 5s',
      '2024-05-01T10:00:00.123Z WARN pool exhausted',
      '[2024-05-01 10:00:00,123] AVERTISSEMENT quota',
      'Error: ENOENT: no such file',
      '<crit> raid degraded',
      'INFO+2 slog level',
      'Error rate fell to 0%',
      'HTTP GET /health',
      'I think so',
      '[main] starting',
    ];
    const off = run({}, bodies.map((body) => ({ body })));
    expect(off.out.every((r) => r.number === undefined)).toBe(true);
    const on = run({ sources: ['severityNumber', 'severityText', 'attributes', 'body'] }, bodies.map((body) => ({ body })));
    expect(on.out.map((r) => r.number)).toEqual([17, 13, 13, 13, 17, 18, 11, undefined, undefined, undefined, undefined]);
    expect(on.stage.stats()).toMatchObject({ unmapped: 4, bySource: { body: 7 } });
  });

  it('leaves unknown values UNSPECIFIED, counts them and remembers which they were', () => {
    const { out, stage, sink } = run({}, [
      { severityText: 'banana', body: 'a' },
      { severityText: 'banana', body: 'b' },
      { attributes: { level: 'loud' } },
      { severityNumber: 30 as number, body: 'raw pino number in the wrong field' },
      { body: 'no severity at all' },
    ]);
    expect(out).toEqual([
      { number: undefined, text: 'banana' },
      { number: undefined, text: 'banana' },
      { number: undefined, text: undefined },
      { number: 0, text: undefined },
      { number: undefined, text: undefined },
    ]);
    expect(sink.records).toHaveLength(5);
    expect(stage.stats()).toEqual({
      records: 5,
      unmapped: 5,
      bySource: { severityNumber: 0, severityText: 0, attributes: 0, body: 0 },
      unknownValues: { banana: 2, loud: 1, '30': 1 },
    });
  });

  it('counts at most 100 distinct unknown values, cut to 64 characters, and the rest under <other>', () => {
    const texts = Array.from({ length: 110 }, (_, i) => `level-${i}-${'x'.repeat(80)}`);
    const { stage } = run({}, [...texts, texts[105]!, texts[0]!].map((severityText) => ({ severityText })));
    const { unmapped, unknownValues } = stage.stats();
    expect(unmapped).toBe(112);
    expect(Object.keys(unknownValues)).toHaveLength(101);
    expect(unknownValues['<other>']).toBe(11);
    expect(unknownValues[texts[0]!.slice(0, 64)]).toBe(2);
    expect(Object.keys(unknownValues).filter((key) => key !== '<other>').every((key) => key.length === 64)).toBe(true);
  });

  it('leaves numbers of no known source unmapped by default, counts them by value and flags the record when asked', () => {
    const { out, stage, sink } = run({ unmappedAttribute: true }, [
      { attributes: { level: 3 } },
      { attributes: { level: 404 } },
      { attributes: { level: '400' } },
      { attributes: { level: 35 } },
      { attributes: { level: 3 } },
      { attributes: { level: 30 } },
    ]);
    expect(out.map((r) => r.number)).toEqual([undefined, undefined, undefined, undefined, undefined, 9]);
    expect(stage.stats().unknownValues).toEqual({ '3': 2, '404': 1, '400': 1, '35': 1 });
    expect(sink.records.map((r) => r.attributes['logweave.severity.unmapped'])).toEqual([true, true, true, true, true, undefined]);
  });

  it('flags unmapped records under the attribute name given, and none when the option is false', () => {
    const { sink } = run({ unmappedAttribute: 'severity.unknown' }, [{ severityText: 'banana' }, { severityText: 'WARN' }]);
    expect(sink.records.map((r) => r.attributes['severity.unknown'])).toEqual([true, undefined]);
    expect(run({ unmappedAttribute: false }, [{ severityText: 'banana' }]).sink.records[0]!.attributes).toEqual({});
  });

  it('counts the first level-like value of a record that maps nowhere, skipping empty ones', () => {
    const { stage } = run({ sources: ['severityText', 'attributes', 'body'] }, [
      { severityText: '', attributes: { level: 'loud', lvl: 'louder' }, body: 'nothing' },
      { attributes: { level: 'warn' }, body: { not: 'a string' } },
    ]);
    expect(stage.stats().unknownValues).toEqual({ loud: 1 });
    expect(stage.stats().bySource).toEqual({ severityNumber: 0, severityText: 0, attributes: 1, body: 0 });
  });

  it('keeps no original text when the record had none, and writes no text with text: none', () => {
    const kept = run({ overwriteText: true, originalTextAttribute: 'log.severity.original' }, [{ attributes: { level: 'warn' } }, { severityText: '', attributes: { level: 'warn' } }]);
    expect(kept.sink.records.map((r) => [r.severityText, r.attributes['log.severity.original']])).toEqual([['WARN', undefined], ['WARN', undefined]]);
    expect(run({ text: 'none' }, [{ attributes: { level: 'warn' } }]).out).toEqual([{ number: 13, text: undefined }]);
  });

  it('writes range names or no text when configured', () => {
    expect(run({ text: 'range' }, [{ severityText: 'dpanic' }, { severityNumber: 19 }]).out).toEqual([
      { number: 18, text: 'dpanic' },
      { number: 19, text: 'ERROR' },
    ]);
    expect(run({ text: 'none' }, [{ attributes: { level: 'warn' } }]).out).toEqual([{ number: 13, text: undefined }]);
  });

  it('never throws and never drops, whatever the values', () => {
    const { sink, processor, stage } = run({ sources: ['severityNumber', 'severityText', 'attributes', 'body'] }, [
      { attributes: { level: { nested: 'warn' } } },
      { attributes: { level: ['warn'], lvl: true, severity: null } },
      { severityNumber: Number.NaN, severityText: '' },
      { severityNumber: 99 as number, body: { message: 'ERROR: structured' } },
      { body: 'x'.repeat(100_000) },
    ]);
    expect(sink.records).toHaveLength(5);
    expect(processor.stats()).toMatchObject({ forwarded: 5, dropped: 0, stageErrors: {} });
    expect(stage.stats().unmapped).toBe(5);
    expect(sink.records.map((r) => r.severityNumber ?? 0).every((n) => n === 0)).toBe(true);
  });

  it('sets a SeverityNumber 0..24 for any SeverityText and attribute', () => {
    const stage = severity({ sources: ['severityText', 'attributes', 'body'] });
    const { logger, sink } = setUp(line, [stage]);
    const value = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.integer(), fc.double());
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), value, fc.string(), (text, level, body) => {
        logger.emit({ severityText: text, attributes: { level }, body });
        const n = sink.records.at(-1)!.severityNumber ?? 0;
        return Number.isInteger(n) && n >= 0 && n <= 24;
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it.each<[SeverityOptions, string]>([
    [{ presets: ['log5j' as 'log4j'] }, 'severity: presets[0] must be one of'],
    [{ ranges: { warn: [30, 39], error: [35, 45] } }, "severity: ranges 'warn' [30, 39] and 'error' [35, 45] overlap"],
    [{ names: { loud: 0 } }, "severity: names['loud'] must be a SeverityNumber 1..24"],
    [{ sources: ['body', 'headers' as 'body'] }, "severity: sources[1] must be one of severityNumber, severityText, attributes, body; got 'headers'"],
    [{ sources: [] }, 'severity: sources must be a non-empty array'],
    [{ attributes: ['level', { key: '' }] }, 'severity: attributes[1] must be a non-empty key'],
    [{ attributes: [{ key: 'status', numbers: 'localized' as 'http' }] }, "severity: attributes[0].numbers must be 'auto', 'none' or one of"],
    [{ text: 'long' as 'short' }, "severity: text must be 'short', 'range' or 'none'; got 'long'"],
    [{ overwriteText: 'yes' as unknown as boolean }, "severity: overwriteText must be a boolean; got 'yes'"],
    [{ originalTextAttribute: '' }, 'severity: originalTextAttribute must be a non-empty string'],
    [{ source: ['body'] } as SeverityOptions, "severity: unknown option 'source'; known: presets, numbers, names, ranges, sources"],
    [{ sources: ['body', 'body'] }, "severity: sources[1] 'body' is listed twice"],
    [{ attributes: 'level' as unknown as string[] }, 'severity: attributes must be an array of keys or { key, numbers }'],
    [{ attributes: [null as unknown as string] }, 'severity: attributes[0] must be a non-empty key or { key, numbers }; got null'],
    [{ attributes: [{ key: 5 } as unknown as string] }, 'severity: attributes[0] must be a non-empty key'],
    [{ attributes: [{} as unknown as string] }, 'severity: attributes[0] must be a non-empty key'],
    [{ unmappedAttribute: '' }, "severity: unmappedAttribute must be a non-empty string or a boolean; got ''"],
    [{ unmappedAttribute: 5 as unknown as string }, 'severity: unmappedAttribute must be a non-empty string or a boolean; got 5'],
    [{ name: '' }, "severity: name must be a non-empty string; got ''"],
    [null as unknown as SeverityOptions, 'severity: options must be an object'],
  ])('throws a TypeError at set-up for %j', (options, message) => {
    expect(() => severity(options)).toThrow(TypeError);
    expect(() => severity(options)).toThrow(message);
  });
});
