import { ByteBuffer } from './byte-buffer.ts';

/** Below this length a string is copied by hand; above it Buffer#write (native) is faster. */
const HAND_COPY_CHARS = 48;

/**
 * Protobuf wire writer over one growing scratch buffer.
 *
 * Length-delimited fields are written in one pass: `reserve(n)` leaves `n` bytes for the length,
 * the content is written after them, and `finish()` writes the length; when the length needs a
 * different number of bytes the content is moved (`copyWithin`). Callers reserve the size they
 * expect (1 byte for attributes, the last record's size for records), so a move is rare. A first
 * pass computing every size (what the official serializer does) costs a second walk of every
 * record and the UTF-8 length of every string; a fixed 5-byte placeholder would need
 * non-minimal varints.
 */
export class ProtoWriter extends ByteBuffer {
  /** Writes a tag or a varint as the official writer does: non-negative up to 2^32 directly, else as 64-bit two's complement. */
  varint(value: number): void {
    this.ensure(10);
    const bytes = this.bytes;
    let pos = this.pos;
    if (value >= 0 && value <= 0xffffffff) {
      let v = value >>> 0;
      while (v > 127) {
        bytes[pos++] = (v & 127) | 128;
        v >>>= 7;
      }
      bytes[pos++] = v;
    } else {
      let low: number;
      let high: number;
      if (value >= 0) {
        low = value >>> 0;
        high = (value / 4294967296) >>> 0;
      } else {
        const abs = Math.abs(value);
        low = ~(abs >>> 0) >>> 0;
        high = ~((abs / 4294967296) >>> 0) >>> 0;
        low = (low + 1) >>> 0;
        if (low === 0) high = (high + 1) >>> 0;
      }
      while (high > 0 || low > 127) {
        bytes[pos++] = (low & 127) | 128;
        low = ((low >>> 7) | (high << 25)) >>> 0;
        high >>>= 7;
      }
      bytes[pos++] = low & 127;
    }
    this.pos = pos;
  }

  fixed32(value: number): void {
    this.ensure(4);
    const v = value >>> 0;
    const bytes = this.bytes;
    const pos = this.pos;
    bytes[pos] = v & 255;
    bytes[pos + 1] = (v >>> 8) & 255;
    bytes[pos + 2] = (v >>> 16) & 255;
    bytes[pos + 3] = v >>> 24;
    this.pos = pos + 4;
  }

  fixed64(low: number, high: number): void {
    this.fixed32(low);
    this.fixed32(high);
  }

  double(value: number): void {
    this.ensure(8);
    this.text.writeDoubleLE(value, this.pos);
    this.pos += 8;
  }

  /** Writes a string field's length and UTF-8 bytes; lone surrogates become U+FFFD, as TextEncoder does. */
  string(s: string): void {
    const n = s.length;
    this.ensure(3 * n + 5);
    if (n <= HAND_COPY_CHARS) {
      const bytes = this.bytes;
      const start = this.pos + 1;
      let i = 0;
      while (i < n) {
        const c = s.charCodeAt(i);
        if (c > 127) break;
        bytes[start + i++] = c;
      }
      if (i === n) {
        bytes[start - 1] = n;
        this.pos = start + n;
        return;
      }
    }
    this.#utf8(s, n);
  }

  #utf8(s: string, n: number): void {
    // UTF-8 never has fewer bytes than UTF-16 code units, so this is the least the length takes.
    const reserved = varintSize(n);
    const start = this.pos + reserved;
    const written = this.text.write(s, start);
    const size = varintSize(written);
    if (size !== reserved) this.bytes.copyWithin(this.pos + size, start, start + written);
    this.#varintAt(this.pos, written);
    this.pos += size + written;
  }

  /** Writes a bytes field: length, then the bytes. */
  bytesField(value: Uint8Array): void {
    const n = value.length;
    this.varint(n);
    this.ensure(n);
    this.bytes.set(value, this.pos);
    this.pos += n;
  }

  /** Leaves `reserved` bytes for the length of the message that follows; returns where they start. */
  reserve(reserved: number): number {
    this.ensure(reserved);
    const at = this.pos;
    this.pos = at + reserved;
    return at;
  }

  /** Writes the length of the message started at `at`; returns how many bytes it took. */
  finish(at: number, reserved: number): number {
    const length = this.pos - at - reserved;
    if (reserved === 1 && length < 128) {
      this.bytes[at] = length;
      return 1;
    }
    const size = varintSize(length);
    if (size !== reserved) {
      this.ensure(size);
      this.bytes.copyWithin(at + size, at + reserved, this.pos);
      this.pos += size - reserved;
    }
    this.#varintAt(at, length);
    return size;
  }

  #varintAt(at: number, value: number): void {
    const bytes = this.bytes;
    let v = value;
    while (v > 127) {
      bytes[at++] = (v & 127) | 128;
      v >>>= 7;
    }
    bytes[at] = v;
  }
}

/** Bytes a varint of a non-negative 32-bit length takes. */
export function varintSize(v: number): number {
  return v < 128 ? 1 : v < 16384 ? 2 : v < 2097152 ? 3 : v < 268435456 ? 4 : 5;
}
