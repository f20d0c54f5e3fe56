import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuidv7, uuidv7Timestamp } from '../src/index.ts';

/** RFC 9562: version 7 in the 13th hex digit, variant 10 in the top bits of the 17th. */
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.useRealTimers();
});

describe('uuidv7', () => {
  it('is an RFC 9562 version 7 UUID carrying the current millisecond', () => {
    vi.useFakeTimers({ now: new Date('2025-03-01T12:00:00.123Z') });
    const id = uuidv7();
    expect(id).toMatch(UUID_V7);
    expect(uuidv7Timestamp(id)).toBe(Date.parse('2025-03-01T12:00:00.123Z'));
    expect(id.slice(0, 13)).toBe('01955193-de7b');
  });

  it('keeps increasing within one millisecond, past the counter’s capacity', () => {
    vi.useFakeTimers({ now: 1_750_000_000_000 });
    const ids = Array.from({ length: 10_000 }, () => uuidv7());
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // 10 000 ids need at least two more milliseconds of counter space: the timestamp moves on.
    expect(uuidv7Timestamp(ids.at(-1)!)).toBeGreaterThan(1_750_000_000_000);
  });

  it('keeps increasing when the clock steps back', () => {
    vi.useFakeTimers({ now: 1_750_000_005_000 });
    const before = uuidv7();
    vi.setSystemTime(1_750_000_004_000);
    const after = uuidv7();
    expect(after > before).toBe(true);
    expect(uuidv7Timestamp(after)).toBe(1_750_000_005_000);
  });

  it('draws fresh random bits for each UUID of one millisecond', () => {
    vi.useFakeTimers({ now: 1_750_000_009_000 });
    const tails = new Set(Array.from({ length: 200 }, () => uuidv7().slice(19)));
    expect(tails.size).toBe(200);
  });
});
