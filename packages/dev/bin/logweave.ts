#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startDevReceiver } from '../src/index.ts';

const USAGE = `usage: logweave dev [--port 4318] [--host 127.0.0.1] [--ring 1000]

  dev   a local OTLP/HTTP logs receiver (protobuf, JSON, gzip on /v1/logs) that prints every
        record and serves a live tail of them at http://HOST:PORT/
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
if (command !== 'dev') fail(command === undefined ? 'a command is required' : `unknown command ${command}`);

let values: { port: string; host: string; ring: string; help?: boolean };
try {
  ({ values } = parseArgs({
    args,
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
