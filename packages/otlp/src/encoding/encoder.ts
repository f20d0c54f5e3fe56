import type { LogRecordLike, ValueFilter } from '@logweave/core';

/** What an encoder reads of a record: the SDK's record, or a snapshot of one (see worker/snapshot.ts). */
export type EncodableRecord = Pick<
  LogRecordLike,
  | 'hrTime'
  | 'hrTimeObserved'
  | 'spanContext'
  | 'resource'
  | 'instrumentationScope'
  | 'attributes'
  | 'severityText'
  | 'severityNumber'
  | 'body'
  | 'eventName'
  | 'droppedAttributesCount'
>;

export interface LogsEncoder {
  /** 'application/x-protobuf' or 'application/json' */
  readonly contentType: string;
  /** One ExportLogsServiceRequest holding every record, grouped by resource then scope as the official serializer groups them. */
  encode(records: readonly EncodableRecord[]): Uint8Array;
}

export interface EncoderOptions {
  /**
   * Applied to every string (and byte array, when it has `bytes`) the encoder writes from a
   * record's body and attribute values, in the same read that writes it; resource and scope
   * are written as they are. See ValueFilter in @logweave/core.
   * @default undefined (values written as they are)
   */
  filter?: ValueFilter | undefined;
}

/** The filter of `options`, checked at set-up: a TypeError naming `component` when it is not a ValueFilter. */
export function resolveFilter(options: EncoderOptions | undefined, component: string): ValueFilter | undefined {
  const filter = options?.filter;
  if (filter === undefined) return undefined;
  const candidate = filter as Partial<ValueFilter> | null;
  if (candidate === null || typeof candidate !== 'object' || typeof candidate.string !== 'function') {
    throw new TypeError(`${component}: filter must be a ValueFilter (an object with a string(value, key) method)`);
  }
  if (candidate.bytes !== undefined && typeof candidate.bytes !== 'function') {
    throw new TypeError(`${component}: filter.bytes must be a function when present`);
  }
  return filter;
}
