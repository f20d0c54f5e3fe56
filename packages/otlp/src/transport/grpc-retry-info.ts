/**
 * Reads the delay of a google.rpc.RetryInfo out of a `grpc-status-details-bin` trailer (a
 * serialized google.rpc.Status). Only the few fields on that path are walked, so no second
 * protobuf runtime is needed for one Duration.
 */
export function retryInfoDelayMillis(statusDetails: Uint8Array): number | undefined {
  try {
    for (const detail of fields(statusDetails, 3)) {
      const typeUrl = Buffer.from(fields(detail, 1)[0] ?? []).toString('utf8');
      if (!typeUrl.endsWith('/google.rpc.RetryInfo')) continue;
      const retryInfo = fields(detail, 2)[0];
      const duration = retryInfo === undefined ? undefined : fields(retryInfo, 1)[0];
      return duration === undefined ? 0 : durationMillis(duration);
    }
  } catch {
    // A malformed trailer says nothing we can use: the status code alone decides.
  }
  return undefined;
}

/** google.protobuf.Duration { int64 seconds = 1; int32 nanos = 2; } in milliseconds. */
function durationMillis(duration: Uint8Array): number {
  let seconds = 0;
  let nanos = 0;
  const reader = new Reader(duration);
  while (!reader.done()) {
    const tag = reader.varint();
    if (tag === 0x08) seconds = reader.varint();
    else if (tag === 0x10) nanos = reader.varint();
    else reader.skip(tag & 7);
  }
  return Math.max(0, seconds * 1000 + Math.floor(nanos / 1e6));
}

/** The values of length-delimited field `field` of a message. */
function fields(message: Uint8Array, field: number): Uint8Array[] {
  const found: Uint8Array[] = [];
  const reader = new Reader(message);
  while (!reader.done()) {
    const tag = reader.varint();
    if (tag === ((field << 3) | 2)) found.push(reader.bytes());
    else reader.skip(tag & 7);
  }
  return found;
}

class Reader {
  readonly buffer: Uint8Array;
  #at = 0;

  constructor(buffer: Uint8Array) {
    this.buffer = buffer;
  }

  done(): boolean {
    return this.#at >= this.buffer.length;
  }

  /** A varint as a number (int64 seconds beyond 2^53 lose precision, which no delay needs). */
  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      const byte = this.buffer[this.#at++];
      if (byte === undefined) throw new RangeError('truncated varint');
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new RangeError('varint too long');
  }

  bytes(): Uint8Array {
    const length = this.varint();
    const end = this.#at + length;
    if (end > this.buffer.length) throw new RangeError('truncated field');
    const value = this.buffer.subarray(this.#at, end);
    this.#at = end;
    return value;
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.#advance(8);
    else if (wireType === 2) this.bytes();
    else if (wireType === 5) this.#advance(4);
    else throw new RangeError(`unsupported wire type ${wireType}`);
  }

  #advance(count: number): void {
    this.#at += count;
    if (this.#at > this.buffer.length) throw new RangeError('truncated field');
  }
}
