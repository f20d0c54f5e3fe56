import fc from 'fast-check';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline } from '@logweave/core';
import { lineParser, parseAccessLog, parseBody, parseJson, parseKeyValue, parseLogfmt, parseSyslog } from '@logweave/parse';
import { lookupSeverity, severity, severityPresets, severityTable, type SeverityTableOptions } from '@logweave/severity';
import { memorySink } from '@logweave/testing';
import { accessLogLine, anyLine, jsonLine, lineText, logfmtLine, syslogLine } from './lines.ts';
import { redactionCase, redactionHarness } from './redaction-harness.ts';
import { isSeverityNumberOrZero, parsedLineProblem } from './well-typed.ts';

export interface FuzzParameters {
  seed: number;
  numRuns: number;
}

/** One property: `run` sets up what it needs, checks it with fast-check, and tears down. */
export interface FuzzTarget {
  name: string;
  run(parameters: FuzzParameters): Promise<void>;
}

/** The fixed seed and run count of CI, or those of FUZZ_SEED and FUZZ_RUNS. */
export function fuzzParameters(env: NodeJS.ProcessEnv = process.env): FuzzParameters {
  return { seed: Number(env['FUZZ_SEED'] ?? 42), numRuns: Number(env['FUZZ_RUNS'] ?? 200) };
}

/** Stage and sink failures are what the properties look at: their reports to the OTel error handler would only add noise. */
export function muteErrorReports(): void {
  setGlobalErrorHandler(() => {});
}

type LineFunction = (line: string) => unknown;

const regexFormat = { regex: /^(?<time>\S+) \[(?<level>\w+)\] (?<msg>.*)$/, attributes: { time: 'x.time' } };
const PARSERS: [string, LineFunction, fc.Arbitrary<string>][] = [
  ['parseJson', parseJson, fc.oneof(jsonLine, lineText(200))],
  ['parseLogfmt', parseLogfmt, fc.oneof(logfmtLine, lineText(200))],
  ['parseKeyValue', parseKeyValue, fc.oneof(logfmtLine, lineText(200))],
  ['parseSyslog', parseSyslog, fc.oneof(syslogLine, lineText(200))],
  ['parseAccessLog', parseAccessLog, fc.oneof(accessLogLine, lineText(200))],
  ['lineParser() (auto)', lineParser(), anyLine],
  ['lineParser() with every format and a regex', lineParser({ formats: ['json', 'syslog', 'clf', 'logfmt', 'kv', regexFormat], timezone: 'UTC' }), anyLine],
];

const parserTargets: FuzzTarget[] = PARSERS.map(([name, parse, lines]) => ({
  name: `${name} never throws and returns undefined or a well-typed line, whatever the text`,
  run: async (parameters) => {
    fc.assert(
      fc.property(lines, (line) => {
        const problem = parsedLineProblem(parse(line));
        if (problem !== undefined) throw new Error(problem);
      }),
      parameters,
    );
  },
}));

const levelLike = fc.oneof(
  fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withDate: true, withNullPrototype: true }),
  fc.double(),
  fc.integer(),
  lineText(70),
  fc.mixedCase(fc.constantFrom(...Object.values(severityPresets).flatMap((preset) => Object.keys(preset.names)))),
);

const numericPresets = Object.entries(severityPresets).filter(([, preset]) => 'fromNumber' in preset).map(([name]) => name);
const tableOptions = fc.record(
  {
    presets: fc.subarray(Object.keys(severityPresets), { minLength: 1 }),
    numbers: fc.constantFrom(...numericPresets, 'none'),
    names: fc.dictionary(lineText(10), fc.oneof(fc.integer({ min: -2, max: 26 }), fc.constantFrom('WARN', 'error2', 'nope'))),
    ranges: fc.dictionary(fc.constantFrom('warn', 'error', 'info', 'debug', 'bogus'), fc.tuple(fc.integer({ min: -50, max: 200 }), fc.integer({ min: -50, max: 200 }))),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<SeverityTableOptions>;

const severityTargets: FuzzTarget[] = [
  {
    name: 'lookupSeverity returns an integer 0..24 for any value',
    run: async (parameters) => {
      fc.assert(fc.property(levelLike, (value) => isSeverityNumberOrZero(lookupSeverity(value))), parameters);
    },
  },
  {
    name: 'severityTable refuses bad options with a TypeError, and its lookups return 0..24 for any value',
    run: async (parameters) => {
      fc.assert(
        fc.property(tableOptions, levelLike, fc.double(), lineText(70), (options, value, number, text) => {
          let table;
          try {
            table = severityTable(options);
          } catch (error) {
            return error instanceof TypeError;
          }
          return [table.lookup(value), table.lookupNumber(number), table.lookupText(text)].every(isSeverityNumberOrZero);
        }),
        parameters,
      );
    },
  },
  {
    name: 'the parseBody and severity stages keep every record and leave a SeverityNumber 0..24, whatever the record',
    run: async (parameters) => {
      const sink = memorySink();
      const processor = pipeline({ stages: [parseBody(), severity({ sources: ['severityNumber', 'severityText', 'attributes', 'body'] })], sink });
      const logger = new LoggerProvider({ processors: [processor] }).getLogger('fuzz');
      const record = fc.record(
        { body: fc.oneof(anyLine, levelLike), severityText: lineText(20), severityNumber: fc.oneof(fc.integer(), fc.double()), attributes: fc.record({ level: levelLike, lvl: levelLike }, { requiredKeys: [] }) },
        { requiredKeys: [] },
      );
      let emitted = 0;
      fc.assert(
        fc.property(record, (r) => {
          const before = sink.records.length;
          logger.emit(r as never);
          // The SDK itself drops a record whose SeverityNumber is below 0 (its minimum), before any processor.
          if (typeof r.severityNumber === 'number' && r.severityNumber < 0) return sink.records.length === before;
          emitted++;
          const out = sink.records[before];
          if (out === undefined) throw new Error('the record was lost');
          if (!isSeverityNumberOrZero(out.severityNumber ?? 0)) throw new Error(`SeverityNumber ${out.severityNumber}`);
          return out.severityText === undefined || typeof out.severityText === 'string';
        }),
        parameters,
      );
      const stats = processor.stats();
      if (stats.received !== emitted || stats.forwarded !== emitted) throw new Error(`records lost: ${JSON.stringify(stats)}`);
    },
  },
];

const redactionTarget: FuzzTarget = {
  name: 'redaction: no email, card, JWT, AWS key, bearer token or URL password in random text, anywhere in a record, reaches the receiver',
  run: async (parameters) => {
    const harness = await redactionHarness();
    try {
      await fc.assert(
        fc.asyncProperty(redactionCase, async (c) => {
          const leak = await harness.leak(c);
          if (leak !== undefined) throw new Error(leak);
        }),
        parameters,
      );
    } finally {
      await harness.close();
    }
  },
};

export const FUZZ_TARGETS: readonly FuzzTarget[] = [...parserTargets, ...severityTargets, redactionTarget];
