/**
 * `openCodec(settings)` — the encoding side of EncodeWorker and InThreadEncoder, one code for
 * both: encodes records (from a BatchMessage, or snapshots) with the fused filter, compresses.
 */
import type { EncodableRecord } from '../encoding/encoder.ts';
import { jsonEncoder } from '../encoding/json-encoder.ts';
import { protobufEncoder } from '../encoding/protobuf-encoder.ts';
import { resolveCompressor } from '../transport/compression.ts';
import { messageRecords, type BatchMessage } from './batch-message.ts';
import type { EncodeSettings } from './encode-options.ts';
import { loadFilter } from './filter-spec.ts';

export interface BatchCodec {
  /** The request bytes of `message`, compressed as the settings say. */
  encode(message: BatchMessage): Promise<Uint8Array>;
  /** The same for records already owned (snapshots), on this thread without a message. */
  encodeRecords(records: readonly EncodableRecord[]): Promise<Uint8Array>;
}

export async function openCodec(settings: EncodeSettings, component: string): Promise<BatchCodec> {
  const filter = settings.filter === undefined ? undefined : await loadFilter(settings.filter);
  const encoder = settings.encoding === 'json' ? jsonEncoder({ filter }) : protobufEncoder({ filter });
  const compressor = resolveCompressor(settings.compression, settings.compressionLevel, component);
  const encodeRecords = async (records: readonly EncodableRecord[]) => compressor.compress(encoder.encode(records));
  return { encodeRecords, encode: async (message) => encodeRecords(messageRecords(message)) };
}
