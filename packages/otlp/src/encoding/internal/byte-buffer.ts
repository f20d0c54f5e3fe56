/** A new buffer starts with this much room; most batches fit without growing. */
const INITIAL_BYTES = 64 * 1024;
/** A scratch buffer larger than this is let go after a request that used less than a quarter of it. */
const KEPT_BYTES = 4 * 1024 * 1024;
/** Room `ensure` keeps beyond what it is asked for, so tags and single bytes need no check. */
const SLACK_BYTES = 16;

/**
 * One growing scratch buffer, reused from one request to the next; each request is copied out
 * by `result()`. Memory: as large as the largest recent request; past 4 MiB it shrinks back
 * to 64 KiB after a request that used less than a quarter of it.
 */
export class ByteBuffer {
  bytes: Uint8Array;
  /** The same memory as `bytes`, for its native UTF-8 `write`. */
  text: Buffer;
  pos = 0;

  constructor() {
    this.text = Buffer.allocUnsafeSlow(INITIAL_BYTES);
    this.bytes = new Uint8Array(this.text.buffer, this.text.byteOffset, this.text.length);
  }

  /** Starts a request. */
  reset(): void {
    this.pos = 0;
  }

  /** Copies out the request written since `reset()`, and drops an oversized scratch buffer. */
  result(): Uint8Array {
    const out = new Uint8Array(this.pos);
    out.set(this.bytes.subarray(0, this.pos));
    if (this.bytes.length > KEPT_BYTES && this.pos < this.bytes.length / 4) this.#allocate(INITIAL_BYTES);
    this.pos = 0;
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

  #allocate(size: number): void {
    this.text = Buffer.allocUnsafeSlow(size);
    this.bytes = new Uint8Array(this.text.buffer, this.text.byteOffset, size);
  }
}
