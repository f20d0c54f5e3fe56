#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startDevReceiver } from '../src/index.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '4318' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`logweave dev: --port must be 0..65535, got ${values.port}\n`);
  process.exit(2);
}
const receiver = await startDevReceiver({ port });
process.stderr.write(`logweave dev: OTLP/HTTP logs receiver on ${receiver.logsUrl} (Ctrl+C to stop)\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void receiver.close().then(() => process.exit(0)));
}
