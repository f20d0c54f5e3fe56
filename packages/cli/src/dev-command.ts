import { once } from 'node:events';
import type { DevReceiver } from '@logweave/dev';
import type { CliIo } from './cli-io.ts';
import { readCommandLine } from './command-line.ts';
import { optionValues } from './option-values.ts';
import { UsageError } from './usage-error.ts';

/** `logweave dev`: runs the dev receiver until `io.signal` aborts. */
export async function devCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = readCommandLine('dev', args, {
    port: { type: 'string', default: '4318' },
    host: { type: 'string', default: '127.0.0.1' },
    ring: { type: 'string', default: '1000' },
    'max-live-clients': { type: 'string', default: '64' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, 'dev');
  const read = optionValues('dev');
  const options = {
    port: read.port('port', values.port),
    host: values.host,
    ring: read.positiveInteger('ring', values.ring),
    maxLiveClients: read.positiveInteger('max-live-clients', values['max-live-clients']),
  };
  const { startDevReceiver } = await import('@logweave/dev');
  let receiver: DevReceiver;
  try {
    receiver = await startDevReceiver({
      ...options,
      write: (line) => void io.stdout.write(`${line}\n`),
      color: io.stdout.isTTY === true && io.env['NO_COLOR'] === undefined,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`cannot listen on ${options.host}:${options.port}: the port is in use (another collector?); choose one with --port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new Error(`cannot listen on ${options.host}: no such local address`);
    throw error;
  }
  io.stderr.write(`logweave dev: OTLP/HTTP logs on ${receiver.logsUrl}, live tail at ${receiver.url}/ (Ctrl+C to stop)\n`);
  if (!io.signal.aborted) await once(io.signal, 'abort');
  await receiver.close();
  return 0;
}
