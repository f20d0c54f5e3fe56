/**
 * `new InThreadEncoder(options?: BatchEncoderOptions)` — a BatchEncoder that encodes and filters
 * on the calling thread, for where worker threads are unavailable (compression still runs on
 * libuv's thread pool, as zlib's async calls do). Same options, same codec as EncodeWorker; the
 * records are copied with `snapshotRecord` when `encode()` is called (no message, no clone), so
 * it writes the bytes EncodeWorker writes for any record a structured clone carries whole (see
 * batch-message.ts for the exotic values it does not).
 */
import { openCodec, type BatchCodec } from './batch-codec.ts';
import { InFlightSlots, type BatchEncoder, type EncodedBatch } from './batch-encoder.ts';
import { resolveBatchEncoderOptions, type BatchEncoderOptions, type EncodeSettings } from './encode-options.ts';
import type { EncodableRecord } from '../encoding/encoder.ts';
import { snapshotRecord } from './snapshot.ts';

const COMPONENT = 'InThreadEncoder';

export class InThreadEncoder implements BatchEncoder {
  readonly contentType: BatchEncoder['contentType'];
  readonly contentEncoding: BatchEncoder['contentEncoding'];
  readonly #settings: EncodeSettings;
  readonly #slots: InFlightSlots;
  #codec: Promise<BatchCodec> | undefined;
  #closed = false;

  constructor(options?: BatchEncoderOptions) {
    const resolved = resolveBatchEncoderOptions(options, COMPONENT);
    this.contentType = resolved.contentType;
    this.contentEncoding = resolved.contentEncoding;
    this.#settings = resolved.settings;
    this.#slots = new InFlightSlots(resolved.maxInFlightBatches);
  }

  async encode(records: readonly EncodableRecord[]): Promise<EncodedBatch> {
    if (this.#closed) throw new Error(`${COMPONENT}: closed`);
    let snapshots: EncodableRecord[];
    try {
      snapshots = records.map(snapshotRecord);
    } catch (error) {
      throw new Error(`${COMPONENT}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const slot = this.#slots.acquire();
    if (slot !== undefined) await slot;
    try {
      // Loaded on first use, kept when it fails: every batch then says why.
      this.#codec ??= openCodec(this.#settings, COMPONENT);
      const codec = await this.#codec;
      return { bytes: await codec.encodeRecords(snapshots), records: records.length };
    } catch (error) {
      throw new Error(`${COMPONENT}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.#slots.release();
    }
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#slots.rejectWaiting(new Error(`${COMPONENT}: closed`));
    }
    return Promise.resolve();
  }
}
