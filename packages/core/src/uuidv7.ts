import { randomFillSync } from 'node:crypto';

/** The semantic-convention attribute that identifies a log record, e.g. for de-duplication downstream. */
export const LOG_RECORD_UID = 'log.record.uid';

/** Random bytes are drawn from `crypto` in batches: one call per 32 UUIDs instead of one each. */
const BYTES_PER_ID = 10;
const POOL_SIZE = 32 * BYTES_PER_ID;
/** The counter in rand_a (12 bits) starts below this, leaving at least 2048 increments per millisecond. */
const COUNTER_SEED_LIMIT = 0x800;
const COUNTER_MAX = 0xfff;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;
let lastMs = -1;
let counter = 0;

/**
 * A UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then a 12-bit counter (RFC 9562 §6.2,
 * method 1) seeded at random each millisecond, then 62 random bits from `crypto`. Every call in
 * this process returns a value greater than the one before, also when several fall in one
 * millisecond or the clock steps back: the timestamp then stays where it was and the counter goes
 * on; a counter that runs out moves the timestamp on by one millisecond.
 */
export function uuidv7(): string {
  const r = takeRandomBytes();
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = ((pool[r]! << 8) | pool[r + 1]!) % COUNTER_SEED_LIMIT;
  } else if (counter < COUNTER_MAX) {
    counter++;
  } else {
    lastMs++;
    counter = ((pool[r]! << 8) | pool[r + 1]!) % COUNTER_SEED_LIMIT;
  }
  return format(lastMs, counter, r + 2);
}

/** The Unix time in milliseconds that a UUIDv7 carries (for a `log.record.uid`: when it was made). */
export function uuidv7Timestamp(uuid: string): number {
  return Number.parseInt(uuid.slice(0, 8) + uuid.slice(9, 13), 16);
}

/** The offset in the pool of this UUID's random bytes. */
function takeRandomBytes(): number {
  if (poolOffset + BYTES_PER_ID > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const offset = poolOffset;
  poolOffset += BYTES_PER_ID;
  return offset;
}

/** Formats the UUID; `b` is the offset of the 8 bytes of rand_b in the pool. */
function format(ms: number, seq: number, b: number): string {
  // 48 bits do not fit JavaScript's 32-bit bitwise operators: split into the high 16 and low 32 bits.
  const high = Math.floor(ms / 0x1_0000_0000);
  const low = ms >>> 0;
  return (
    HEX[(high >>> 8) & 0xff]! + HEX[high & 0xff]! + HEX[low >>> 24]! + HEX[(low >>> 16) & 0xff]! + '-' +
    HEX[(low >>> 8) & 0xff]! + HEX[low & 0xff]! + '-' +
    HEX[0x70 | (seq >>> 8)]! + HEX[seq & 0xff]! + '-' +
    HEX[0x80 | (pool[b]! & 0x3f)]! + HEX[pool[b + 1]!]! + '-' +
    HEX[pool[b + 2]!]! + HEX[pool[b + 3]!]! + HEX[pool[b + 4]!]! +
    HEX[pool[b + 5]!]! + HEX[pool[b + 6]!]! + HEX[pool[b + 7]!]!
  );
}
