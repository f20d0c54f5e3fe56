import { resolve } from 'node:path';
import type { OtlpProtocol } from '@logweave/otlp';
import type { ShipFilesOptions } from '@logweave/parse';
import { readCommandLine } from './command-line.ts';
import { optionValues } from './option-values.ts';
import { UsageError } from './usage-error.ts';

export interface ShipCommandOptions {
  files: string[];
  endpoint: string | undefined;
  protocol: OtlpProtocol | undefined;
  format: NonNullable<ShipFilesOptions['format']>;
  checkpointFile: string | undefined;
  startAt: 'beginning' | 'end';
  pollIntervalMillis: number;
  maxQueueBytes: number;
  queueDir: string | undefined;
  progressIntervalMillis: number;
  stopTimeoutMillis: number;
}

/** The command line of `logweave ship`, read and checked: a UsageError names the option, the value and what it expects. */
export function readShipOptions(args: string[]): ShipCommandOptions {
  const { values, positionals } = readCommandLine('ship', args, {
    endpoint: { type: 'string' },
    protocol: { type: 'string' },
    format: { type: 'string', default: 'auto' },
    checkpoint: { type: 'string' },
    'start-at': { type: 'string', default: 'beginning' },
    'poll-interval': { type: 'string', default: '250' },
    'max-queue-bytes': { type: 'string', default: '32MiB' },
    'queue-dir': { type: 'string' },
    'progress-interval': { type: 'string', default: '10s' },
    'stop-timeout': { type: 'string', default: '5s' },
  });
  if (positionals.length === 0) throw new UsageError('at least one file is required', 'ship');
  const read = optionValues('ship');
  return {
    files: positionals,
    endpoint: values.endpoint === undefined ? undefined : read.httpUrl('endpoint', values.endpoint),
    protocol: values.protocol === undefined ? undefined : read.choice<OtlpProtocol>('protocol', values.protocol, ['http/protobuf', 'http/json', 'grpc']),
    format: formatOption(values.format),
    checkpointFile: values.checkpoint === undefined ? undefined : resolve(nonEmpty('checkpoint', values.checkpoint)),
    startAt: read.choice('start-at', values['start-at'], ['beginning', 'end'] as const),
    pollIntervalMillis: read.durationMillis('poll-interval', values['poll-interval']),
    maxQueueBytes: read.bytes('max-queue-bytes', values['max-queue-bytes']),
    queueDir: values['queue-dir'] === undefined ? undefined : nonEmpty('queue-dir', values['queue-dir']),
    progressIntervalMillis: read.durationMillis('progress-interval', values['progress-interval'], true),
    stopTimeoutMillis: read.durationMillis('stop-timeout', values['stop-timeout']),
  };
}

const FORMATS = ['auto', 'json', 'logfmt', 'kv', 'syslog', 'clf'] as const;

/** 'auto' and 'none' as they are; anything else a comma-separated list of format names. */
function formatOption(text: string): ShipCommandOptions['format'] {
  if (text === 'auto' || text === 'none') return text;
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.find((name) => !(FORMATS as readonly string[]).includes(name));
  if (unknown !== undefined) {
    throw new UsageError(`--format expects auto, none, or a comma-separated list of ${FORMATS.join(', ')}; got '${unknown}' in '${text}'`, 'ship');
  }
  return names as (typeof FORMATS)[number][];
}

function nonEmpty(option: string, text: string): string {
  if (text === '') throw new UsageError(`--${option} expects a path; got ''`, 'ship');
  return text;
}
