#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDevReceiver } from '../src/index.ts';

const USAGE = `usage: logweave dev [--port 4318] [--host 127.0.0.1] [--ring 1000]
       logweave ship <files…> [--format auto] [--endpoint URL] …   (see logweave ship --help)

  dev   a local OTLP/HTTP logs receiver (protobuf, JSON, gzip on /v1/logs) that prints every
        record and serves a live tail of them at http://HOST:PORT/
  ship  tails files (following rotation), parses each line and sends it to an OTLP collector
`;

function fail(message: string, code = 2): never {
  process.stderr.write(`logweave: ${message}\n${code === 2 ? USAGE : ''}`);
  process.exit(code);
}

const [command, ...args] = process.argv.slice(2);
if (command === '--help' || command === '-h') {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (command === 'ship') ship(args);
else if (command === 'dev') await dev(args);
else fail(command === undefined ? 'a command is required' : `unknown command ${command}`);

/** `logweave ship` is @logweave/parse's logweave-ship, run as is with the same arguments and signals. */
function ship(shipArgs: string[]): void {
  const manifest = createRequire(import.meta.url).resolve('@logweave/parse/package.json');
  const child = spawn(process.execPath, [join(dirname(manifest), 'bin', 'logweave-ship.ts'), ...shipArgs], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 143)));
}

async function dev(devArgs: string[]): Promise<void> {
  let values: { port: string; host: string; ring: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: devArgs,
      options: {
        port: { type: 'string', default: '4318' },
        host: { type: 'string', default: '127.0.0.1' },
        ring: { type: 'string', default: '1000' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help === true) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  /** Digits only: Number('') is 0, which would take a random port. */
  const integer = (text: string) => (/^\d+$/.test(text) ? Number(text) : Number.NaN);
  const receiver = await startDevReceiver({ port: integer(values.port), host: values.host, ring: integer(values.ring) })
    .catch((error: Error) => fail(error.message, error instanceof TypeError ? 2 : 1));
  process.stderr.write(`logweave dev: OTLP/HTTP logs on ${receiver.logsUrl}, live tail at ${receiver.url}/ (Ctrl+C to stop)\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void receiver.close().then(() => process.exit(0)));
  }
}
