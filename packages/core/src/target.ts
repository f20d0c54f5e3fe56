import type { LogRecordLike } from './types.ts';

/** The wire encoding of an OTLP ExportLogsServiceRequest. */
export type OtlpEncoding = 'protobuf' | 'json';

/** One encoded ExportLogsServiceRequest, as a sink hands it to its target. */
export interface EncodedRequest {
  readonly bytes: Uint8Array;
  /** How many log records the request holds. */
  readonly records: number;
  /** The routing key every record in it shares (0 when the target routes nothing by key). */
  readonly key: number;
}

/** What one send of a request came to. */
export type SendResult =
  /** `rejected`: records the receiver refused in an OTLP partial success. */
  | { ok: true; rejected: number; message: string }
  | { ok: false; retryable: boolean; error: string; retryAfterMillis?: number };

/**
 * Where a sink's requests go: one OTLP endpoint, or a composition of them (failover, load
 * balancing). A target only sends the bytes it is given, once, and reports the outcome; the
 * sink owns the queue, batching, encoding, retry and durability.
 */
export interface Target {
  readonly name: string;
  /** The encoding every request sent to this target must be in. */
  readonly encoding: OtlpEncoding;
  /**
   * Present when records must be kept apart by a key (load balancing by trace id): the sink
   * then sends the records of each key as requests of their own, with that key.
   */
  routingKey?(record: LogRecordLike): number;
  /** Sends one request once; resolves with the outcome and never rejects. */
  send(request: EncodedRequest, signal: AbortSignal): Promise<SendResult>;
  close(): Promise<void>;
}
