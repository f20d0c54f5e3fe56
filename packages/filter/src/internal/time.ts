import type { HrTime } from '@logweave/core';

export function hrTimeFromMillis(ms: number): HrTime {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}

/** An ISO 8601 time with millisecond precision, as dedupe's first/last seen attributes carry it. */
export function hrTimeToIso(time: HrTime): string {
  return new Date(time[0] * 1000 + Math.floor(time[1] / 1e6)).toISOString();
}

/** "0.25", "3", "12.5": seconds for a summary body, without trailing zeros. */
export function secondsText(ms: number): string {
  return String(Math.round(ms) / 1000);
}
