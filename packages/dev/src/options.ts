import type { FormatOptions } from './format-record.ts';

export interface DevReceiverOptions extends FormatOptions {
  /**
   * TCP port; 0 takes a free one.
   * @default 4318, the OTLP/HTTP port
   */
  port?: number;
  /**
   * Interface to listen on. Anything but loopback exposes the records to the network.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * How many of the latest records are kept for `records()` and for a page that connects;
   * when full, the oldest is overwritten.
   * @default 1000
   */
  ring?: number;
  /**
   * Largest request body, compressed or not; a larger one is answered 413.
   * @default 32 MiB
   */
  maxBodyBytes?: number;
  /**
   * Live pages connected at most. When full, a new page takes the place of the slowest stalled
   * one (its socket full), or is answered 503 when every page keeps up.
   * @default 64
   */
  maxLiveClients?: number;
  /**
   * Where the terminal lines go (records, and a line per refused request).
   * @default a write to process.stdout
   */
  write?: (line: string) => void;
}

export interface ResolvedDevReceiverOptions {
  port: number;
  host: string;
  ring: number;
  maxBodyBytes: number;
  maxLiveClients: number;
  write: (line: string) => void;
  format: FormatOptions;
}

const COMPONENT = 'startDevReceiver';

export function resolveDevReceiverOptions(options: DevReceiverOptions): ResolvedDevReceiverOptions {
  if (options === null || typeof options !== 'object') throw new TypeError(`${COMPONENT}: options must be an object`);
  const port = options.port ?? 4318;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError(`${COMPONENT}: port must be an integer 0..65535, got ${String(port)}`);
  }
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '') throw new TypeError(`${COMPONENT}: host must be a non-empty string`);
  const ring = options.ring ?? 1000;
  if (!Number.isInteger(ring) || ring < 1) throw new TypeError(`${COMPONENT}: ring must be a positive integer, got ${String(ring)}`);
  const maxBodyBytes = options.maxBodyBytes ?? 32 * 1024 * 1024;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new TypeError(`${COMPONENT}: maxBodyBytes must be a positive integer, got ${String(maxBodyBytes)}`);
  }
  const maxLiveClients = options.maxLiveClients ?? 64;
  if (!Number.isInteger(maxLiveClients) || maxLiveClients < 1) {
    throw new TypeError(`${COMPONENT}: maxLiveClients must be a positive integer, got ${String(maxLiveClients)}`);
  }
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  if (typeof write !== 'function') throw new TypeError(`${COMPONENT}: write must be a function (line) => void`);
  const format: FormatOptions = {};
  if (options.color !== undefined) format.color = options.color;
  if (options.keyAttributes !== undefined) format.keyAttributes = options.keyAttributes;
  return { port, host, ring, maxBodyBytes, maxLiveClients, write, format };
}
