#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import type { OtlpSinkOptions } from '@logweave/otlp';
import type { FileShipper, ShipFilesOptions } from '../src/index.ts';

const USAGE = `usage: logweave-ship <files…> [--format auto] [--endpoint URL] [--protocol http/protobuf]
                     [--checkpoint path] [--start-at beginning] [--poll-interval 250]

  Tails the files (following rotation), parses each line and sends it to an OTLP/HTTP collector.

  --format          auto, none, or a comma-separated list of json, logfmt, kv, syslog, clf, auto
  --endpoint        collector base URL (default: OTEL_EXPORTER_OTLP_ENDPOINT, else http://localhost:4318)
  --protocol        http/protobuf or http/json
  --checkpoint      file keeping read offsets, so that a restart neither loses nor repeats lines
  --start-at        beginning or end: where a first run starts in existing files
  --poll-interval   milliseconds between checks for new lines
`;

function fail(message: string, code = 2): never {
  process.stderr.write(`logweave-ship: ${message}\n${code === 2 ? USAGE : ''}`);
  process.exit(code);
}

let parsed: ReturnType<typeof readArguments>;
try {
  parsed = readArguments(process.argv.slice(2));
} catch (error) {
  fail((error as Error).message);
}
if (parsed.values.help === true) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (parsed.positionals.length === 0) fail('at least one file is required');

function readArguments(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'auto' },
      endpoint: { type: 'string' },
      protocol: { type: 'string' },
      checkpoint: { type: 'string' },
      'start-at': { type: 'string', default: 'beginning' },
      'poll-interval': { type: 'string', default: '250' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** 'auto' and 'none' as they are; anything else is a list of format names. */
function formatOption(text: string): NonNullable<ShipFilesOptions['format']> {
  if (text === 'auto' || text === 'none') return text;
  return text.split(',').map((name) => name.trim()) as NonNullable<ShipFilesOptions['format']>;
}

// Loaded once the arguments are known to be usable: the exporter's dependencies take a while.
const [{ otlpSink }, { shipFiles }] = await Promise.all([import('@logweave/otlp'), import('../src/index.ts')]);
const { values } = parsed;
diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.ERROR);
let shipper: FileShipper;
try {
  const sinkOptions: OtlpSinkOptions = {
    // Retry for as long as it takes: the shipper stops reading while records wait, so lines wait in the files.
    retry: { maxElapsedMillis: 0 },
    flushTimeoutMillis: 5000,
  };
  if (values.endpoint !== undefined) sinkOptions.endpoint = values.endpoint;
  if (values.protocol !== undefined) sinkOptions.protocol = values.protocol as 'http/protobuf' | 'http/json';
  const options: ShipFilesOptions = {
    files: parsed.positionals,
    format: formatOption(values.format),
    sink: otlpSink(sinkOptions),
    startAt: values['start-at'] as 'beginning' | 'end',
    pollIntervalMs: /^\d+$/.test(values['poll-interval']) ? Number(values['poll-interval']) : Number.NaN,
  };
  if (values.checkpoint !== undefined) options.checkpointFile = values.checkpoint;
  shipper = shipFiles(options);
} catch (error) {
  fail((error as Error).message);
}

const checkpoint = values.checkpoint === undefined ? 'no checkpoint: a restart reads the files again' : `checkpoint ${values.checkpoint}`;
process.stderr.write(`logweave-ship: shipping ${parsed.positionals.length} file(s), ${checkpoint} (Ctrl+C to stop)\n`);

// The shipper's timers do not hold the process open; the command runs until a signal.
const keepAlive = setInterval(() => {}, 1 << 30);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    void shipper.stop().then(() => {
      clearInterval(keepAlive);
      const stats = shipper.stats();
      process.stderr.write(`logweave-ship: sent ${stats.lines} lines (${stats.parse?.unparsed ?? 0} unparsed), stopped\n`);
      process.exit(0);
    });
  });
}
