import { severityTable } from '@logweave/severity';
import { describe, expect, it } from 'vitest';
import { lineParser, parseBody } from '../src/index.ts';
import { sdkLines, setUp } from '@logweave/sdk-lines';
import { fixtureLines, throughStage } from './helpers.ts';

describe.each(sdkLines)('parseBody on sdk-logs $line', (line) => {
  it('picks one format per line with auto, and counts what it read by format', () => {
    const stage = parseBody();
    const bodies = [
      fixtureLines('pino.ndjson')[0]!,
      fixtureLines('syslog-forwarded.log')[0]!,
      fixtureLines('nginx-access.log')[0]!,
      fixtureLines('logfmt.log')[2]!,
      fixtureLines('syslog-rfc5424.log')[0]!,
    ];
    throughStage(line, stage, bodies);
    expect(stage.stats()).toEqual({ parsed: { json: 1, syslog: 2, clf: 1, logfmt: 1 }, unparsed: 0, tooLong: 0, notString: 0 });
  });

  it('leaves a line no format reads as it was, and counts it', () => {
    const stage = parseBody();
    const { logger, sink } = setUp(line, [stage]);
    logger.emit({ body: 'Server started on port 8080', severityNumber: 9, attributes: { 'log.iostream': 'stdout' } });
    logger.emit({ body: '{"truncated": ' });

    expect(sink.records.map((r) => [r.body, r.severityNumber, r.attributes])).toEqual([
      ['Server started on port 8080', 9, { 'log.iostream': 'stdout' }],
      ['{"truncated": ', undefined, {}],
    ]);
    expect(stage.stats()).toMatchObject({ parsed: {}, unparsed: 2 });
  });

  it('leaves bodies longer than maxLineLength and bodies that are not strings alone, and counts them', () => {
    const stage = parseBody({ maxLineLength: 40 });
    const long = `{"msg":"${'x'.repeat(40)}"}`;
    const { logger, sink } = setUp(line, [stage]);
    logger.emit({ body: long });
    logger.emit({ body: { msg: 'already structured' } });
    logger.emit({});
    logger.emit({ body: '{"msg":"short"}' });

    expect(sink.bodies()).toEqual([long, { msg: 'already structured' }, undefined, 'short']);
    expect(stage.stats()).toEqual({ parsed: { json: 1 }, unparsed: 0, tooLong: 1, notString: 2 });
  });

  it('keeps attributes the record already has, and a severity when the line names none', () => {
    const { logger, sink } = setUp(line, [parseBody()]);
    logger.emit({ body: 'msg=hi host.name=from-line log.file.path=/x', severityNumber: 13, attributes: { 'log.file.path': '/var/log/app.log' } });

    const record = sink.records[0]!;
    expect(record.attributes).toEqual({ 'log.file.path': '/var/log/app.log', 'host.name': 'from-line' });
    expect(record.severityNumber).toBe(13);
    expect(record.body).toBe('hi');
  });

  it('keeps the line in log.record.original when asked and the body changed', () => {
    const json = '{"msg":"hi"}';
    const access = fixtureLines('nginx-access.log')[4]!;
    const records = throughStage(line, parseBody({ keepOriginal: true }), [json, access]);
    expect(records[0]!.attributes).toEqual({ 'log.record.original': json });
    expect(records[1]!.attributes['log.record.original']).toBeUndefined();
  });

  it('reads a body that ends with its newline, as console bridges send it', () => {
    const records = throughStage(line, parseBody(), ['level=warn msg=hi\n', '{"msg":"crlf"}\r\n']);
    expect(records.map((r) => [r.body, r.severityNumber])).toEqual([['hi', 13], ['crlf', undefined]]);
  });

  it('reads levels with the severity table it is given', () => {
    const table = severityTable({ names: { achtung: 'WARN' }, numbers: 'python' });
    const records = throughStage(line, parseBody({ severityTable: table }), ['{"level":"Achtung","msg":"a"}', '{"level":40,"msg":"b"}']);
    expect(records.map((r) => r.severityNumber)).toEqual([13, 17]);
  });

  it('tries a list of formats in order', () => {
    const stage = parseBody({ formats: ['logfmt', 'kv'] });
    throughStage(line, stage, ['a=1 b=2', 'free text with a=1', 'nothing']);
    expect(stage.stats()).toMatchObject({ parsed: { logfmt: 1, kv: 1 }, unparsed: 1 });
  });
});

describe('parseBody options', () => {
  it.each([
    [null, 'parseBody: options must be an object'],
    [{ formats: [] }, "parseBody: formats must be 'auto' or a non-empty array of auto, json, logfmt, kv, syslog, clf or { regex }"],
    [{ formats: ['xml'] }, "parseBody: formats[0] must be one of auto, json, logfmt, kv, syslog, clf or { regex }; got 'xml'"],
    [{ formats: [{ regex: /^(.*)$/ }] }, 'parseBody: formats[0].regex must have named groups, e.g. (?<msg>.*)'],
    [{ formats: [{ regex: /^(?<msg>(\w+\s?)+)$/ }] }, 'parseBody: formats[0].regex has a quantified group holding a quantifier'],
    [{ formats: [{ regex: /(?<a>x)/, name: 'json' }] }, "parseBody: formats[0].name 'json' is already a format name"],
    [{ formats: [{ regex: /(?<a>x)/, attributes: { a: '' } }] }, 'parseBody: formats[0].attributes must map group names to non-empty attribute keys'],
    [{ maxLineLength: 0 }, 'parseBody: maxLineLength must be a positive integer; got 0'],
    [{ timezone: 'Europe/Paris' }, "parseBody: timezone must be 'local' or 'UTC'; got Europe/Paris"],
    [{ severityTable: {} }, 'parseBody: severityTable must be a table from severityTable() of @logweave/severity'],
    [{ keepOriginal: 'yes' }, 'parseBody: keepOriginal must be a boolean'],
  ])('refuses %j with a TypeError naming the option', (options, message) => {
    expect(() => parseBody(options as never)).toThrow(TypeError);
    expect(() => parseBody(options as never)).toThrow(message);
  });

  it('accepts regexes whose quantified groups hold no quantifier, and gives second regexes their own name', () => {
    const parse = lineParser({
      formats: [{ regex: /^(?<a>x)(?:-y)+$/g }, { regex: /^(?<level>[a-z]{1,8}): (?<msg>[^\n]*)$/ }],
    });
    expect(parse('x-y-y')?.format).toBe('regex');
    expect(parse('x-y-y')?.format).toBe('regex');
    expect(parse('warn: disk')).toMatchObject({ format: 'regex#2', body: 'disk', severityNumber: 13 });
  });
});
