/**
 * The encode worker's entry: opens the codec its workerData describes, then answers each
 * `{ id, batch }` with `{ id, bytes }` or `{ id, error }`. Never throws: a batch that cannot be
 * encoded is answered with why, and the worker goes on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCodec } from './batch-codec.ts';
import type { BatchMessage } from './batch-message.ts';
import type { EncodeSettings } from './encode-options.ts';

export interface WorkerRequest {
  readonly id: number;
  readonly batch: BatchMessage;
}

export type WorkerReply = { readonly id: number; readonly bytes: Uint8Array } | { readonly id: number; readonly error: string };

/** Below half of Buffer.poolSize a Buffer may share its memory with others: it is copied, not transferred. */
const TRANSFER_MIN_BYTES = Buffer.poolSize >>> 1;

const port = parentPort!;
const codec = openCodec(workerData as EncodeSettings, 'EncodeWorker');
// A failed load is reported with each batch, not as an unhandled rejection that ends the worker.
codec.catch(() => undefined);

port.on('message', (request: WorkerRequest) => {
  void answer(request);
});

async function answer({ id, batch }: WorkerRequest): Promise<void> {
  let reply: WorkerReply;
  try {
    reply = { id, bytes: await (await codec).encode(batch) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  if ('bytes' in reply && reply.bytes.byteLength >= TRANSFER_MIN_BYTES) port.postMessage(reply, [reply.bytes.buffer as ArrayBuffer]);
  else port.postMessage(reply);
}
