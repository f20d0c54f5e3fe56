import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPipeline, loadPipeline, parsePipelineConfig } from '../src/index.ts';
import { configError } from './helpers.ts';

const SINKS = 'sinks:\n  main:\n    otlp: { endpoint: "http://127.0.0.1:9" }\n';

/** The messages of the ConfigError that parsing `yaml` throws. */
async function problems(yaml: string): Promise<string[]> {
  const error = await configError(() => parsePipelineConfig(yaml, { source: 'logweave.yaml' }));
  return error.message.split('\n');
}

describe('ConfigError from the schema', () => {
  it('names the file, line, column, path and the allowed values when a value is not one of them', async () => {
    const yaml = `stages:\n  - severity\n  - enrich\n  - redact: { action: blur }\n${SINKS}`;
    const error = await configError(() => parsePipelineConfig(yaml, { source: 'logweave.yaml' }));
    expect(error.message).toBe('logweave.yaml:4:23: stages[2].redact.action: expected one of mask, mask-last4, remove, hash; got "blur"');
    expect(error.code).toBe('invalid');
    expect(error.file).toBe('logweave.yaml');
    expect(error.issues).toEqual([{ path: 'stages[2].redact.action', message: expect.stringContaining('blur'), line: 4, column: 23 }]);
  });

  it('lists the known stages when a stage name is unknown, pointing at the name', async () => {
    expect(await problems(`stages:\n  - severty: {}\n${SINKS}`)).toEqual([
      'logweave.yaml:2:5: stages[0].severty: unknown stage "severty" (did you mean "severity"?); expected one of severity, parseBody, enrich, redact, minSeverity, keep, drop, dedupe, rateLimit, sample, bufferUntilError',
    ]);
    expect(await problems(`stages: [sample]\n${SINKS}`)).toEqual([
      'logweave.yaml:1:10: stages[0]: expected a stage name that needs no options (severity, parseBody, enrich, redact, dedupe, bufferUntilError) or { <stage>: options }; got "sample"',
    ]);
  });

  it('refuses two stages in one list item', async () => {
    expect(await problems(`stages:\n  - { severity: {}, enrich: {} }\n${SINKS}`)).toEqual([
      expect.stringMatching(/^logweave\.yaml:2:5: stages\[0\]: expected exactly one stage \(one of severity, .*\); got severity, enrich$/),
    ]);
  });

  it('names an unknown option, the likely one and the known ones', async () => {
    expect(await problems(`stages:\n  - dedupe: { windowMilis: 5000 }\n${SINKS}`)).toEqual([
      'logweave.yaml:2:15: stages[0].dedupe.windowMilis: unknown option "windowMilis" (did you mean "windowMillis"?); expected one of windowMillis, ignoreAttributes, maxKeys, name',
    ]);
  });

  it('names a missing required option', async () => {
    expect(await problems(`stages:\n  - rateLimit: { burst: 10 }\n${SINKS}`)).toEqual([
      'logweave.yaml:2:16: stages[0].rateLimit: missing required option "ratePerSec"',
    ]);
    expect(await problems('stages: []\n')).toEqual(['logweave.yaml:1:1: missing required option "sinks"']);
  });

  it('says what a wrong type should be, with a hint for a quoted number', async () => {
    expect(await problems(`stages:\n  - dedupe: { windowMillis: "5000" }\n${SINKS}`)).toEqual([
      'logweave.yaml:2:29: stages[0].dedupe.windowMillis: expected a number; got "5000" (a quoted value is a string: leave the quotes out)',
    ]);
    expect(await problems(`stages:\n  - sample: { ratio: 2 }\n${SINKS}`)).toEqual([
      'logweave.yaml:2:22: stages[0].sample.ratio: expected a number <= 1; got 2',
    ]);
  });

  it('explains levels and the predicate language in its own words', async () => {
    expect(await problems(`stages:\n  - minSeverity: WARNING\n${SINKS}`)).toEqual([
      'logweave.yaml:2:18: stages[0].minSeverity: expected a severity: TRACE, DEBUG, INFO, WARN, ERROR, FATAL or a SeverityNumber 1..24; got "WARNING"',
    ]);
    expect(await problems(`stages:\n  - keep: { attr: { key: tenant.id, equals: acme, matches: "^a" } }\n${SINKS}`)).toEqual([
      'logweave.yaml:2:19: stages[0].keep.attr: expected { key } and exactly one of equals, in, matches, exists; got { key, equals, matches }',
    ]);
    expect(await problems(`stages:\n  - drop: { severity: WARN }\n${SINKS}`)).toEqual([
      'logweave.yaml:2:13: stages[0].drop.severity: unknown predicate "severity"; expected one of severityAtLeast, attr, scope, body, all, any, not',
    ]);
    expect(await problems(`stages:\n  - drop: { body: { matches: x, flags: g } }\n${SINKS}`)).toEqual([
      'logweave.yaml:2:40: stages[0].drop.body.flags: expected regular expression flags among i, m, s, u, v, each once (g and y are not allowed); got "g"',
    ]);
  });

  it('checks sinks, their targets and their names', async () => {
    const yaml = 'sinks:\n  "main collector":\n    otlp: { protocol: http2, compression: brotli }\n  siem:\n    failover: { targets: [] }\n';
    expect(await problems(yaml)).toEqual([
      'logweave.yaml:2:3: sinks["main collector"]: invalid name: expected a sink name of letters, digits, _ . -',
      'logweave.yaml:3:23: sinks["main collector"].otlp.protocol: expected one of http/protobuf, http/json, grpc; got "http2"',
      'logweave.yaml:3:43: sinks["main collector"].otlp.compression: expected one of gzip, zstd, none; got "brotli"',
      'logweave.yaml:5:26: sinks.siem.failover.targets: expected at least 1 item; got 0',
    ]);
    expect(await problems('sinks: {}\n')).toEqual(['logweave.yaml:1:8: sinks: expected at least 1 entries']);
  });

  it('refuses an empty file and a file that is not an object', async () => {
    expect(await problems('# nothing yet\n')).toEqual(['logweave.yaml: the configuration is empty; expected an object with at least sinks']);
    expect(await problems('- severity\n')).toEqual(['logweave.yaml:1:1: expected an object; got a list']);
  });
});

describe('ConfigError after the schema', () => {
  it('names a route to a sink that does not exist, and a sink no route uses', async () => {
    const yaml = `${SINKS}  spare:\n    otlp: {}\nroute:\n  routes:\n    - { name: security, when: { attr: { key: log.type, equals: security } }, to: [siem] }\n  default: main\n`;
    const error = await configError(() => buildPipeline(parsePipelineConfig(yaml), { source: 'inline' }));
    expect(error.message.split('\n')).toEqual([
      'inline: route.routes[0].to[0]: no sink named "siem"; the sinks are main, spare',
      'inline: sinks.spare: sink "spare" is not used by any route nor by route.default',
    ]);
  });

  it('names a regular expression that does not compile', async () => {
    const yaml = `stages:\n  - parseBody: { formats: [{ regex: "(?<msg>.*" }] }\n${SINKS}`;
    const error = await configError(() => buildPipeline(parsePipelineConfig(yaml)));
    expect(error.message).toBe(
      'configuration: stages[0].parseBody.formats[0].regex: not a valid regular expression: Invalid regular expression: /(?<msg>.*/: Unterminated group',
    );
  });

  it('turns what a factory refuses at set-up into an issue at the option it names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logweave-config-'));
    try {
      const file = join(dir, 'logweave.yaml');
      writeFileSync(file, [
        'stages:',
        '  - severity: { ranges: { warn: [39, 30] } }',
        '  - parseBody: { formats: [{ regex: "(?<msg>(a+)+)" }] }',
        'sinks:',
        '  main:',
        '    otlp: { endpoint: "http://127.0.0.1:9" }',
      ].join('\n'));
      const error = await configError(() => loadPipeline(file));
      expect(error.code).toBe('setup');
      expect(error.message.split('\n')).toEqual([
        `${file}:2:33: stages[0].severity.ranges.warn: must be [min, max] with finite min <= max; got [39, 30]`,
        `${file}:3:37: stages[1].parseBody.formats[0].regex: has a quantified group holding a quantifier, which can take exponential time: /(?<msg>(a+)+)/`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a queue option a sink refuses, and a durable directory two sinks share', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logweave-config-'));
    try {
      const sink = (extra: string) => `    otlp: { endpoint: "http://127.0.0.1:9", flushTimeoutMillis: 50${extra} }`;
      const file = join(dir, 'logweave.yaml');
      writeFileSync(file, ['sinks:', '  a:', sink(', durable: { dir: q }'), '  b:', sink(', durable: { dir: q }'), '  c:', sink(', maxQueueSize: 10, maxExportBatchSize: 20')].join('\n'));
      const error = await configError(() => loadPipeline(file));
      expect(error.message.split('\n')).toEqual([
        `${file}:5:85: sinks.b.otlp.durable.dir: ${join(dir, 'q')} is already used by another sink of this process`,
        `${file}:7:107: sinks.c.otlp.maxExportBatchSize: must not exceed maxQueueSize`,
      ]);
      // The sink built before the failure was shut down: its directory can be used again.
      writeFileSync(join(dir, 'again.yaml'), ['sinks:', '  a:', sink(', durable: { dir: q }')].join('\n'));
      const again = await loadPipeline(join(dir, 'again.yaml'));
      await again.processor.shutdown();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ConfigError reading a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'logweave-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names a file that cannot be read', async () => {
    const error = await configError(() => loadPipeline(join(dir, 'missing.yaml')));
    expect(error.code).toBe('read');
    expect(error.message).toMatch(/missing\.yaml: cannot read the file: ENOENT/);
  });

  it('asks for a known extension', async () => {
    writeFileSync(join(dir, 'logweave.toml'), SINKS);
    const error = await configError(() => loadPipeline(join(dir, 'logweave.toml')));
    expect(error.message).toContain('logweave.toml: unknown file kind: name it .yaml, .yml or .json, or pass { format }');
    const loaded = await loadPipeline(join(dir, 'logweave.toml'), { format: 'yaml' });
    await loaded.processor.shutdown();
  });

  it('gives the first YAML syntax error with its position', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'stages:\n  - severity: {\nsinks: x\n');
    const error = await configError(() => loadPipeline(join(dir, 'bad.yaml')));
    expect(error.code).toBe('syntax');
    expect(error.message.split('\n')).toHaveLength(1);
    expect(error.message).toMatch(/bad\.yaml:\d+:\d+: not valid YAML: /);
  });

  it('says to quote a ${VAR} inside a flow collection', async () => {
    writeFileSync(join(dir, 'flow.yaml'), 'sinks:\n  main: { otlp: { endpoint: ${URL} } }\n');
    const error = await configError(() => loadPipeline(join(dir, 'flow.yaml')));
    expect(error.message).toContain('(inside { … } or [ … ] quote a ${VAR}, or write the value in block style)');
  });

  it('refuses a duplicate key in YAML and in JSON', async () => {
    writeFileSync(join(dir, 'dup.yaml'), `name: a\nname: b\n${SINKS}`);
    writeFileSync(join(dir, 'dup.json'), '{ "name": "a", "name": "b", "sinks": { "main": { "otlp": {} } } }');
    expect((await configError(() => loadPipeline(join(dir, 'dup.yaml')))).message).toMatch(/dup\.yaml:2:1: not valid YAML: Map keys must be unique/);
    expect((await configError(() => loadPipeline(join(dir, 'dup.json')))).message).toMatch(/dup\.json:1:\d+: not valid YAML: Map keys must be unique/);
  });

  it('reads JSON strictly', async () => {
    writeFileSync(join(dir, 'trailing.json'), '{ "sinks": { "main": { "otlp": {} } }, }');
    const error = await configError(() => loadPipeline(join(dir, 'trailing.json')));
    expect(error.code).toBe('syntax');
    expect(error.message).toMatch(/^.*trailing\.json: not valid JSON: /);
  });
});
