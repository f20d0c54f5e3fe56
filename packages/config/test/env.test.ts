import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePipelineConfig, type OtlpSinkConfig } from '../src/index.ts';
import { configError } from './helpers.ts';

/** The otlp options of sink `main` once the text is parsed with `env`. */
function otlpOf(text: string, env: Record<string, string>, format: 'yaml' | 'json' = 'yaml'): OtlpSinkConfig {
  const config = parsePipelineConfig(text, { env, format });
  return (config.sinks['main'] as { otlp: OtlpSinkConfig }).otlp;
}

describe('${VAR} substitution', () => {
  it('replaces variables inside strings and uses the default when one is unset or empty', () => {
    const yaml = [
      'sinks:',
      '  main:',
      '    otlp:',
      '      endpoint: http://${HOST}:${PORT:-4318}/v1/logs',
      '      headers: { x-api-key: "${API_KEY:-none}", x-tenant: "${TENANT:-shop}" }',
    ].join('\n');
    expect(otlpOf(yaml, { HOST: 'collector.internal', TENANT: '' })).toEqual({
      endpoint: 'http://collector.internal:4318/v1/logs',
      headers: { 'x-api-key': 'none', 'x-tenant': 'shop' },
    });
    expect(otlpOf(yaml, { HOST: 'c', PORT: '14318', API_KEY: 'k-1', TENANT: 'acme' }).headers).toEqual({ 'x-api-key': 'k-1', 'x-tenant': 'acme' });
  });

  it('types an unquoted YAML value that is one substitution, as YAML would type the text', () => {
    const yaml = ['sinks:', '  main:', '    otlp:', '      maxQueueSize: ${SIZE}', '      retry: ${RETRY:-false}', '      name: "${SIZE}"'].join('\n');
    expect(otlpOf(yaml, { SIZE: '500' })).toEqual({ maxQueueSize: 500, retry: false, name: '500' });
  });

  it('leaves JSON strings strings', () => {
    const json = '{ "sinks": { "main": { "otlp": { "name": "${N}", "endpoint": "http://${HOST:-localhost}:4318" } } } }';
    expect(otlpOf(json, { N: '42' }, 'json')).toEqual({ name: '42', endpoint: 'http://localhost:4318' });
  });

  it('writes $${ as a literal ${ and does not read keys', () => {
    const yaml = 'sinks:\n  main:\n    otlp:\n      headers: { "${KEY}": "$${not-a-var}" }\n';
    expect(otlpOf(yaml, {}).headers).toEqual({ '${KEY}': '${not-a-var}' });
  });

  it('names the variable, the file, the option and the line when a variable is unset without a default', async () => {
    const yaml = 'sinks:\n  main:\n    otlp:\n      endpoint: ${OTLP_URL}\n      headers: { x-api-key: "${API_KEY}" }\n';
    const error = await configError(() => parsePipelineConfig(yaml, { env: {}, source: 'deploy/logweave.yaml' }));
    expect(error.code).toBe('env');
    expect(error.message.split('\n')).toEqual([
      'deploy/logweave.yaml:4:17: sinks.main.otlp.endpoint: environment variable OTLP_URL is not set and has no default (write ${OTLP_URL:-default})',
      'deploy/logweave.yaml:5:29: sinks.main.otlp.headers.x-api-key: environment variable API_KEY is not set and has no default (write ${API_KEY:-default})',
    ]);
  });

  it('refuses a malformed substitution', async () => {
    const error = await configError(() => parsePipelineConfig('name: "${1ST}"\nsinks: { main: { otlp: {} } }\n', { env: {} }));
    expect(error.message).toBe('logweave.yaml:1:7: name: malformed substitution: write ${NAME} or ${NAME:-default} (or $${ for a literal ${)');
  });

  it('reads process.env when no env is given', () => {
    process.env['LOGWEAVE_CONFIG_TEST_NAME'] = 'from-process';
    try {
      expect(parsePipelineConfig('name: ${LOGWEAVE_CONFIG_TEST_NAME}\nsinks: { main: { otlp: {} } }\n').name).toBe('from-process');
    } finally {
      delete process.env['LOGWEAVE_CONFIG_TEST_NAME'];
    }
  });

  it('puts any value in a quoted string unchanged', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'binary' }), (value) => {
        const config = parsePipelineConfig('name: "${NAME}"\nsinks: { main: { otlp: {} } }\n', { env: { NAME: value } });
        expect(config.name).toBe(value);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
