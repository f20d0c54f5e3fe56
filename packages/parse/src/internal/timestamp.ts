import type { HrTime } from '@logweave/core';

/*
 * Timestamps read by hand, character by character: no regular expression, no Date.parse (which
 * drops digits below the millisecond and accepts more than it should). Every function returns
 * undefined for anything it does not read whole, and nothing before 1970 or after 9999.
 */

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';
const MAX_SECONDS = 253_402_300_799; // 9999-12-31T23:59:59Z

/** The number written by `count` digits at `start`, or -1 when one of them is not a digit. */
export function readDigits(text: string, start: number, count: number): number {
  if (start + count > text.length) return -1;
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** 'Jan' → 1 … 'Dec' → 12 at `start`; 0 when it is no month abbreviation. */
export function readMonth(text: string, start: number): number {
  if (start + 3 > text.length) return 0;
  for (let m = 0; m < 12; m++) {
    const i = m * 3;
    if (text.charCodeAt(start) === MONTHS.charCodeAt(i) && text.charCodeAt(start + 1) === MONTHS.charCodeAt(i + 1) &&
      text.charCodeAt(start + 2) === MONTHS.charCodeAt(i + 2)) return m + 1;
  }
  return 0;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Civil date and time → [seconds, nanoseconds] since the epoch. `offsetMinutes` undefined means
 * the text carried no offset: it is read as UTC when `utc`, else in the process's local time zone.
 */
export function civilTime(
  year: number, month: number, day: number, hour: number, minute: number, second: number,
  nanos: number, offsetMinutes: number | undefined, utc: boolean,
): HrTime | undefined {
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
    hour > 23 || minute > 59 || second > 60 || hour < 0 || minute < 0 || second < 0) return undefined;
  const ms = offsetMinutes !== undefined || utc
    ? Date.UTC(year, month - 1, day, hour, minute, second) - (offsetMinutes ?? 0) * 60_000
    : new Date(year, month - 1, day, hour, minute, second).getTime();
  if (!(ms >= 0) || ms / 1000 > MAX_SECONDS) return undefined;
  return [Math.floor(ms / 1000), nanos];
}

/** Digits at [start, end) as nanoseconds: '5' → 500000000, '123456789123' → 123456789. */
function fractionNanos(text: string, start: number, end: number): number {
  let nanos = 0;
  let scale = 100_000_000;
  for (let i = start; i < end && scale >= 1; i++, scale /= 10) nanos += (text.charCodeAt(i) - 48) * scale;
  return nanos;
}

/** Index after the digits starting at `start`. */
function digitsEnd(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return i;
}

/**
 * ISO 8601 / RFC 3339 in text[start, end): `2024-05-01T10:00:00.123456789Z`, with a space for
 * `T`, a comma for the dot, and offsets `Z`, `+02:00`, `+0200`, `+02` or none.
 */
export function parseIsoTime(text: string, start: number, end: number, utc: boolean): HrTime | undefined {
  if (end - start < 19 || text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45 ||
    text.charCodeAt(start + 13) !== 58 || text.charCodeAt(start + 16) !== 58) return undefined;
  const t = text.charCodeAt(start + 10);
  if (t !== 84 && t !== 116 && t !== 32) return undefined; // T, t, space
  const year = readDigits(text, start, 4);
  const month = readDigits(text, start + 5, 2);
  const day = readDigits(text, start + 8, 2);
  const hour = readDigits(text, start + 11, 2);
  const minute = readDigits(text, start + 14, 2);
  const second = readDigits(text, start + 17, 2);
  let i = start + 19;
  let nanos = 0;
  const sep = text.charCodeAt(i);
  if (i < end && (sep === 46 || sep === 44)) {
    const fractionEnd = digitsEnd(text, i + 1, end);
    if (fractionEnd === i + 1) return undefined;
    nanos = fractionNanos(text, i + 1, fractionEnd);
    i = fractionEnd;
  }
  const offset = readOffset(text, i, end);
  if (offset === null) return undefined;
  return civilTime(year, month, day, hour, minute, second, nanos, offset, utc);
}

/** The offset at text[i, end) in minutes; undefined when there is none; null when it is malformed. */
function readOffset(text: string, i: number, end: number): number | undefined | null {
  if (i === end) return undefined;
  const c = text.charCodeAt(i);
  if ((c === 90 || c === 122) && i + 1 === end) return 0; // Z, z
  if (c !== 43 && c !== 45) return null; // + -
  const sign = c === 45 ? -1 : 1;
  const hours = readDigits(text, i + 1, 2);
  const colon = text.charCodeAt(i + 3) === 58 ? 1 : 0;
  const length = end - i;
  if (hours < 0 || hours > 23) return null;
  if (length === 3) return sign * hours * 60;
  if (length !== 5 + colon) return null;
  const minutes = readDigits(text, i + 3 + colon, 2);
  return minutes < 0 || minutes > 59 ? null : sign * (hours * 60 + minutes);
}

/** Apache / nginx `%t` without its brackets: `10/Oct/2000:13:55:36 -0700`. */
export function parseClfTime(text: string, start: number, end: number): HrTime | undefined {
  if (end - start !== 26 || text.charCodeAt(start + 2) !== 47 || text.charCodeAt(start + 6) !== 47 ||
    text.charCodeAt(start + 11) !== 58 || text.charCodeAt(start + 20) !== 32) return undefined;
  const offset = readOffset(text, start + 21, end);
  if (offset === null || offset === undefined) return undefined;
  return civilTime(
    readDigits(text, start + 7, 4), readMonth(text, start + 3), readDigits(text, start, 2),
    readDigits(text, start + 12, 2), readDigits(text, start + 15, 2), readDigits(text, start + 18, 2), 0, offset, true,
  );
}

/**
 * BSD syslog (RFC 3164) time in text[start, end): `Oct  6 14:23:45` or `Oct 06 14:23:45.123456`.
 * It has no year: the current one, or the previous one when that would put the line more than a
 * week in the future (a December line read in January).
 */
export function parseBsdTime(text: string, start: number, end: number, utc: boolean): HrTime | undefined {
  if (end - start < 15 || text.charCodeAt(start + 3) !== 32 || text.charCodeAt(start + 6) !== 32 ||
    text.charCodeAt(start + 9) !== 58 || text.charCodeAt(start + 12) !== 58) return undefined;
  const month = readMonth(text, start);
  const day = text.charCodeAt(start + 4) === 32 ? readDigits(text, start + 5, 1) : readDigits(text, start + 4, 2);
  const hour = readDigits(text, start + 7, 2);
  const minute = readDigits(text, start + 10, 2);
  const second = readDigits(text, start + 13, 2);
  let nanos = 0;
  if (end > start + 15) {
    if (text.charCodeAt(start + 15) !== 46 || digitsEnd(text, start + 16, end) !== end || end === start + 16) return undefined;
    nanos = fractionNanos(text, start + 16, end);
  }
  const now = Date.now();
  const year = utc ? new Date(now).getUTCFullYear() : new Date(now).getFullYear();
  const time = civilTime(year, month, day, hour, minute, second, nanos, undefined, utc);
  if (time !== undefined && time[0] * 1000 > now + 7 * 86_400_000) {
    return civilTime(year - 1, month, day, hour, minute, second, nanos, undefined, utc);
  }
  return time;
}

/**
 * Epoch time as a number or a numeric string; the unit follows from the number of integer
 * digits: 18+ nanoseconds, 15+ microseconds, 12+ milliseconds, 9..11 seconds (zap's
 * `1714557600.123`). Digits are read as text so that nanoseconds are kept exactly.
 */
export function parseEpochTime(value: number | string): HrTime | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return undefined;
    text = String(value);
  } else {
    text = value;
  }
  const intEnd = digitsEnd(text, 0, text.length);
  let fractionEnd = intEnd;
  if (intEnd < text.length) {
    if (text.charCodeAt(intEnd) !== 46) return undefined;
    fractionEnd = digitsEnd(text, intEnd + 1, text.length);
    if (fractionEnd !== text.length || fractionEnd === intEnd + 1) return undefined;
  }
  if (intEnd < 9 || intEnd > 21) return undefined;
  const unitDigits = intEnd >= 18 ? 9 : intEnd >= 15 ? 6 : intEnd >= 12 ? 3 : 0;
  const seconds = Number(text.slice(0, intEnd - unitDigits));
  if (seconds > MAX_SECONDS) return undefined;
  const subsecond = text.slice(intEnd - unitDigits, intEnd) + (fractionEnd > intEnd ? text.slice(intEnd + 1, fractionEnd) : '');
  return [seconds, fractionNanos(subsecond, 0, subsecond.length)];
}

/** A time field of a structured line: epoch number, ISO 8601 text, or epoch digits as text. */
export function parseTimeValue(value: unknown, utc: boolean): HrTime | undefined {
  if (typeof value === 'number') return parseEpochTime(value);
  if (typeof value !== 'string' || value.length > 64) return undefined;
  if (value.length >= 19 && value.charCodeAt(4) === 45) return parseIsoTime(value, 0, value.length, utc);
  return parseEpochTime(value);
}
