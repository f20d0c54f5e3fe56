import { startOtlpReceiver } from '@logweave/testing';
import { otlpSink } from '@logweave/otlp';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { runLogweave, type CliIo } from '../src/index.ts';
import { cleanup, logweave, runCleanup, until } from './helpers.ts';

afterEach(runCleanup);

/** runLogweave in this process, its output kept. */
async function run(args: string[], signal = AbortSignal.abort()): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    signal,
  };
  const code = await runLogweave(args, io);
  return { code, stdout, stderr };
}

describe('logweave', () => {
  it('prints its version and the help of each command, exit code 0', async () => {
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await run(['--help'])).stdout).toMatch(/^usage: logweave <command>[\s\S]*dev {4}a local OTLP\/HTTP[\s\S]*ship {3}tails log files/);
    expect((await run(['dev', '--help'])).stdout).toMatch(/^usage: logweave dev \[--port 4318\][\s\S]*--ring/);
    expect((await run(['ship', 'app.log', '--help'])).stdout).toMatch(/^usage: logweave ship <files…>[\s\S]*--progress-interval/);
    expect((await run(['help', 'ship'])).stdout).toMatch(/^usage: logweave ship/);
  });

  it.each([
    [[], 'logweave: a command is required', 'usage: logweave <command>'],
    [['serve'], "logweave: unknown command 'serve'", 'usage: logweave <command>'],
    [['dev', '--port', 'abc'], "logweave dev: --port expects a port number from 0 to 65535 (0 takes a free port); got 'abc'", 'usage: logweave dev'],
    [['dev', '--port', '70000'], "logweave dev: --port expects a port number from 0 to 65535 (0 takes a free port); got '70000'", 'usage: logweave dev'],
    [['dev', '--ring', 'lots'], "logweave dev: --ring expects a whole number greater than 0; got 'lots'", 'usage: logweave dev'],
    [['dev', '--port'], 'logweave dev: --port needs a value', 'usage: logweave dev'],
    [['ship'], 'logweave ship: at least one file is required', 'usage: logweave ship'],
    [['ship', 'a.log', '--bogus'], 'logweave ship: unknown option --bogus', 'usage: logweave ship'],
    [['ship', 'a.log', '--poll-interval', 'soon'], "logweave ship: --poll-interval expects a duration in milliseconds, or with a unit: 250, 500ms, 2s, 1m; got 'soon'", 'usage: logweave ship'],
    [['ship', 'a.log', '--progress-interval', 'often'], "logweave ship: --progress-interval expects a duration in milliseconds, or with a unit: 250, 500ms, 2s, 1m (0 turns it off); got 'often'", 'usage: logweave ship'],
    [['ship', 'a.log', '--max-queue-bytes', '3 parsecs'], "logweave ship: --max-queue-bytes expects a size in bytes, or with a unit: 65536, 64KiB, 32MiB, 1GiB; got '3 parsecs'", 'usage: logweave ship'],
    [['ship', 'a.log', '--protocol', 'http/xml'], "logweave ship: --protocol expects one of http/protobuf, http/json, grpc; got 'http/xml'", 'usage: logweave ship'],
    [['ship', 'a.log', '--endpoint', 'collector:4318'], "logweave ship: --endpoint expects an http:// or https:// URL; got 'collector:4318'", 'usage: logweave ship'],
    [['ship', 'a.log', '--format', 'json,yaml'], "logweave ship: --format expects auto, none, or a comma-separated list of auto, json, logfmt, kv, syslog, clf; got 'yaml' in 'json,yaml'", 'usage: logweave ship'],
    [['ship', 'a.log', '--start-at', 'middle'], "logweave ship: --start-at expects one of beginning, end; got 'middle'", 'usage: logweave ship'],
  ])('exits 2 on %j, naming the option, the value and what it expects', async (args, message, usage) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').slice(0, 2)).toEqual([message, expect.stringContaining(usage)]);
  });

  it('exits 2 from the bin on a usage error', { timeout: 30_000 }, async () => {
    const child = logweave(['dev', '--port', 'abc']);
    expect(await child.exit).toEqual([2, null]);
    expect(child.stderr()).toContain("--port expects a port number from 0 to 65535 (0 takes a free port); got 'abc'");
  });
});

// Child processes start slowly on a busy machine: generous limits for failure, no timing asserted.
describe('logweave dev', { timeout: 30_000 }, () => {
  it('prints each record it receives until stopped, and where its live tail is', async () => {
    const dev = logweave(['dev', '--port', '0', '--ring', '10']);
    await until(() => dev.stderr().includes('\n'), 'the banner');
    const match = /OTLP\/HTTP logs on (http:\/\/127\.0\.0\.1:\d+)\/v1\/logs, live tail at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(dev.stderr());
    expect(match).not.toBeNull();
    const provider = new LoggerProvider({ processors: [otlpSink({ endpoint: match![1]! })] });
    provider.getLogger('cli').emit({ severityNumber: 13, body: 'queue at 90%' });
    await provider.shutdown();
    await until(() => dev.stdout().includes('\n'), 'the record line');
    expect(dev.stdout()).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN  cli queue at 90%\n$/);
    expect((await fetch(match![2]!)).status).toBe(200);
    dev.child.kill('SIGTERM');
    expect(await dev.exit).toEqual([0, null]);
  });

  it('exits 1 saying so when the port is taken', async () => {
    const taken = await startOtlpReceiver();
    cleanup.push(() => taken.close());
    const result = await run(['dev', '--port', String(taken.port)]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `logweave: cannot listen on 127.0.0.1:${taken.port}: the port is in use (another collector?); choose one with --port\n`,
    });
  });
});
