/** A new buffer starts with this much room; most batches fit without growing. */
const INITIAL_BYTES = 64 * 1024;
/** Room `ensure` keeps beyond what it is asked for, so tags and single bytes need no check. */
const SLACK_BYTES = 16;

/**
 * One growing buffer a request is written into, then handed over by `result()` without a copy
 * when it is at most a quarter larger than the request; the next request gets a new buffer an
 * eighth larger than this one, so it rarely grows. Otherwise the request is copied out and the
 * buffer kept for the next one, shrunk when it is more than four times the request.
 * Memory: a returned request holds at most a quarter more than its length; between requests
 * the encoder holds one buffer of at most four times the last request's size (64 KiB at least).
 */
export class ByteBuffer {
  bytes: Uint8Array;
  /** The same memory as `bytes`, for its native UTF-8 `write`. */
  text: Buffer;
  pos = 0;

  constructor() {
    this.bytes = new Uint8Array(INITIAL_BYTES);
    this.text = Buffer.from(this.bytes.buffer);
  }

  /** Starts a request. */
  reset(): void {
    this.pos = 0;
  }

  /** The request written since `reset()`, which the caller owns. */
  result(): Uint8Array {
    const length = this.pos;
    const next = Math.max(INITIAL_BYTES, length + (length >> 3) + SLACK_BYTES);
    this.pos = 0;
    if (this.bytes.length - length <= length >> 2) {
      const out = this.bytes.subarray(0, length);
      this.#allocate(next);
      return out;
    }
    const out = this.bytes.slice(0, length);
    if (this.bytes.length > 4 * next) this.#allocate(next);
    return out;
  }

  /**
   * Makes room for `n` more bytes, plus SLACK_BYTES: after any call that ensures, a writer may
   * write a few single bytes (tags, brackets) without asking again.
   */
  ensure(n: number): void {
    if (this.pos + n + SLACK_BYTES > this.bytes.length) this.#grow(n + SLACK_BYTES);
  }

  /** Writes one byte within the slack left by the last `ensure`. */
  byte(b: number): void {
    this.bytes[this.pos++] = b;
  }

  #grow(n: number): void {
    const old = this.bytes;
    this.#allocate(Math.max(old.length * 2, this.pos + n));
    this.bytes.set(old.subarray(0, this.pos));
  }

  /** Zeroed memory: the unused tail of a handed-over buffer shows nothing of earlier requests. */
  #allocate(size: number): void {
    this.bytes = new Uint8Array(size);
    this.text = Buffer.from(this.bytes.buffer);
  }
}
