import type { LogRecordLike } from '@logweave/core';
import type { LogsEncoder } from '../encoding/index.ts';

export interface EncodedBatch {
  /** The request, or undefined when no record of the batch could be encoded. */
  bytes: Uint8Array | undefined;
  /** Records left out because encoding them alone failed. */
  unencodable: number;
}

/**
 * Encodes a batch; if that throws (a value the encoder cannot write, e.g. a time that is not a
 * number), encodes each record alone to find the ones at fault, so that they are dropped and
 * counted and the rest of the batch still goes.
 */
export function encodeBatch(encoder: LogsEncoder, records: readonly LogRecordLike[]): EncodedBatch {
  try {
    return { bytes: encoder.encode(records), unencodable: 0 };
  } catch {
    const good = records.filter((record) => {
      try {
        encoder.encode([record]);
        return true;
      } catch {
        return false;
      }
    });
    return { bytes: good.length === 0 ? undefined : encoder.encode(good), unencodable: records.length - good.length };
  }
}
