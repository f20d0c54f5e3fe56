import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { formatRecord, type FormatOptions } from './format-record.ts';

export interface DevReceiverOptions extends FormatOptions {
  /** @default 4318, the OTLP/HTTP port */
  port?: number;
  /** Where lines go. @default process.stdout */
  write?: (line: string) => void;
}

/**
 * Starts an OTLP/HTTP logs receiver on 127.0.0.1 that prints each record it receives as one
 * readable line: a collector for a developer's terminal.
 */
export function startDevReceiver(options: DevReceiverOptions = {}): Promise<OtlpReceiver> {
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  return startOtlpReceiver({
    port: options.port ?? 4318,
    onRecords: (records) => {
      for (const record of records) write(formatRecord(record, options));
    },
  });
}
