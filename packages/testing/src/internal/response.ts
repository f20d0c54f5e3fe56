import { ExportLogsServiceResponse } from './otlp-schema.ts';
import type { OtlpEncoding } from '../decode.ts';

export interface PartialSuccess {
  rejected: number;
  message: string;
}

/** An ExportLogsServiceResponse in the request's encoding, with partial success when given. */
export function encodeResponse(encoding: OtlpEncoding, partial: PartialSuccess | undefined): Uint8Array | string {
  const response = partial === undefined
    ? {}
    : { partialSuccess: { rejectedLogRecords: String(partial.rejected), errorMessage: partial.message } };
  if (encoding === 'json') return JSON.stringify(response);
  return ExportLogsServiceResponse.encode(ExportLogsServiceResponse.fromObject(response)).finish();
}
