/**
 * `new EncodeWorker(options?: BatchEncoderOptions)` — a BatchEncoder that encodes, filters and
 * compresses batches in a worker thread (node:worker_threads), off the event loop.
 * `encode(records)` copies the records on the caller's thread in one read (see batch-message.ts;
 * the only per-record work left on the event loop), sends each resource and scope once per batch
 * and resolves with the request bytes.
 *
 * - Bounded: at most `maxInFlightBatches` batches are in the worker; `encode()` beyond that
 *   settles later (back-pressure through its promise).
 * - A worker that dies (crash, `process.exit` in a filter, out of memory) rejects every batch it
 *   held with an Error that says so; the next `encode()` starts a new worker. A filter that
 *   throws or cannot be loaded rejects the batch and keeps the worker.
 * - The worker is unref'd while it holds no batch, so it never keeps the process alive when idle;
 *   it is ref'd while a batch is in it, so a flush at exit is not cut short.
 * - `close()` terminates it (batches not answered reject); idempotent.
 * - Where a worker cannot be started, batches are encoded in-thread (InThreadEncoder) instead.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { EncodableRecord } from '../encoding/encoder.ts';
import { batchMessage, type BatchMessage } from './batch-message.ts';
import { InFlightSlots, type BatchEncoder, type EncodedBatch } from './batch-encoder.ts';
import { resolveBatchEncoderOptions, type BatchEncoderOptions, type EncodeSettings } from './encode-options.ts';
import type { WorkerReply, WorkerRequest } from './encode-worker-main.ts';
import { InThreadEncoder } from './in-thread-encoder.ts';

const COMPONENT = 'EncodeWorker';
/**
 * The entry as built: .ts when run from source (Node strips types), .js from dist. Resolved when a
 * worker starts, not at import: in a bundle there is no entry file beside the code (and no
 * import.meta.url in a CommonJS bundle), and the encoder then works in-thread.
 */
function workerEntry(): URL {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './encode-worker-main.ts' : './encode-worker-main.js', import.meta.url);
  if (!existsSync(entry)) throw new Error(`no worker entry at ${entry.href}`);
  return entry;
}

interface Pending {
  resolve(bytes: Uint8Array): void;
  reject(error: Error): void;
}

export class EncodeWorker implements BatchEncoder {
  readonly contentType: BatchEncoder['contentType'];
  readonly contentEncoding: BatchEncoder['contentEncoding'];
  readonly #options: BatchEncoderOptions | undefined;
  readonly #settings: EncodeSettings;
  readonly #slots: InFlightSlots;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;
  #nextId = 0;
  #fallback: InThreadEncoder | undefined;
  #closing: Promise<void> | undefined;

  constructor(options?: BatchEncoderOptions) {
    const resolved = resolveBatchEncoderOptions(options, COMPONENT);
    this.contentType = resolved.contentType;
    this.contentEncoding = resolved.contentEncoding;
    this.#options = options;
    this.#settings = resolved.settings;
    this.#slots = new InFlightSlots(resolved.maxInFlightBatches);
  }

  /** The thread id of the running worker, undefined when none runs (for tests and diagnostics). */
  get threadId(): number | undefined {
    return this.#worker?.threadId;
  }

  /** Batches sent to the worker and not yet answered (at most maxInFlightBatches). */
  get batchesInWorker(): number {
    return this.#pending.size;
  }

  async encode(records: readonly EncodableRecord[]): Promise<EncodedBatch> {
    if (this.#closing !== undefined) throw new Error(`${COMPONENT}: closed`);
    if (this.#fallback !== undefined) return this.#fallback.encode(records);
    let message: BatchMessage;
    try {
      message = batchMessage(records);
    } catch (error) {
      throw new Error(`${COMPONENT}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const slot = this.#slots.acquire();
    if (slot !== undefined) await slot;
    try {
      return { bytes: await this.#send(message, records), records: records.length };
    } finally {
      this.#slots.release();
    }
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    const closed = new Error(`${COMPONENT}: closed before the batch was encoded`);
    this.#slots.rejectWaiting(closed);
    const worker = this.#worker;
    this.#worker = undefined;
    this.#rejectPending(closed);
    await Promise.all([worker?.terminate(), this.#fallback?.close()]);
  }

  #send(message: BatchMessage, records: readonly EncodableRecord[]): Promise<Uint8Array> {
    if (this.#closing !== undefined) return Promise.reject(new Error(`${COMPONENT}: closed`));
    const worker = this.#worker ?? this.#start();
    if (worker === undefined) return this.#fallback!.encode(records).then((batch) => batch.bytes);
    const id = this.#nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      const request: WorkerRequest = { id, batch: message };
      try {
        worker.postMessage(request, [message.numbers.buffer as ArrayBuffer, message.values.buffer as ArrayBuffer]);
      } catch (error) {
        reject(new Error(`${COMPONENT}: the batch cannot be sent to the worker: ${(error as Error).message}`));
        return;
      }
      if (this.#pending.size === 0) worker.ref();
      this.#pending.set(id, { resolve, reject });
    });
  }

  #start(): Worker | undefined {
    let worker: Worker;
    try {
      worker = new Worker(workerEntry(), { workerData: this.#settings });
    } catch {
      // No worker threads here (a sandbox, a runtime without them, a bundle): the same work, in-thread.
      this.#fallback = new InThreadEncoder(this.#options);
      return undefined;
    }
    worker.unref();
    let failure = '';
    worker.on('message', (reply: WorkerReply) => this.#answer(worker, reply));
    worker.on('error', (error: Error) => {
      failure = `: ${error.message}`;
    });
    worker.on('exit', (code: number) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#rejectPending(new Error(`${COMPONENT}: the encode worker stopped (exit code ${code}${failure}) before it answered; the batch was not encoded`));
    });
    this.#worker = worker;
    return worker;
  }

  #answer(worker: Worker, reply: WorkerReply): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) worker.unref();
    if ('bytes' in reply) pending.resolve(reply.bytes);
    else pending.reject(new Error(`${COMPONENT}: ${reply.error}`));
  }

  #rejectPending(error: Error): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const { reject } of pending) reject(error);
  }
}
