import type { LogRecordLike } from '@logweave/core';

export interface LogsEncoder {
  /** 'application/x-protobuf' or 'application/json' */
  readonly contentType: string;
  /** One ExportLogsServiceRequest holding every record, grouped by resource then scope as the official serializer groups them. */
  encode(records: readonly LogRecordLike[]): Uint8Array;
}
