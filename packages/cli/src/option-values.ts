import { UsageError } from './usage-error.ts';

/**
 * Readers of option values. Each says which option was given what, and what it expects, so
 * that `--port abc` is answered "--port expects a port number from 0 to 65535; got 'abc'".
 */
export interface OptionValues {
  port(option: string, text: string): number;
  positiveInteger(option: string, text: string): number;
  durationMillis(option: string, text: string, allowZero?: boolean): number;
  bytes(option: string, text: string): number;
  choice<T extends string>(option: string, text: string, choices: readonly T[]): T;
  httpUrl(option: string, text: string): string;
}

const DURATION_UNITS: Record<string, number> = { '': 1, ms: 1, s: 1000, m: 60_000 };
const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kib: 1024, m: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gib: 1024 ** 3 };

/** The readers for one command: its errors name it. */
export function optionValues(command: string): OptionValues {
  const refuse = (option: string, expected: string, text: string): never => {
    throw new UsageError(`--${option} expects ${expected}; got '${text}'`, command);
  };
  return {
    port(option, text) {
      const n = /^\d{1,5}$/.test(text) ? Number(text) : -1;
      return n >= 0 && n <= 65_535 ? n : refuse(option, 'a port number from 0 to 65535 (0 takes a free port)', text);
    },
    positiveInteger(option, text) {
      const n = /^\d+$/.test(text) ? Number(text) : 0;
      return Number.isSafeInteger(n) && n > 0 ? n : refuse(option, 'a whole number greater than 0', text);
    },
    durationMillis(option, text, allowZero = false) {
      const match = /^(\d+)(ms|s|m)?$/.exec(text.trim());
      const n = match === null ? -1 : Number(match[1]) * DURATION_UNITS[match[2] ?? '']!;
      const expected = `a duration in milliseconds, or with a unit: 250, 500ms, 2s, 1m${allowZero ? ' (0 turns it off)' : ''}`;
      return Number.isSafeInteger(n) && (n > 0 || (allowZero && n === 0)) ? n : refuse(option, expected, text);
    },
    bytes(option, text) {
      const match = /^(\d+)\s*([a-z]*)$/i.exec(text.trim());
      const unit = BYTE_UNITS[match?.[2]?.toLowerCase() ?? 'none'];
      const n = match === null || unit === undefined ? 0 : Number(match[1]) * unit;
      return Number.isSafeInteger(n) && n > 0 ? n : refuse(option, 'a size in bytes, or with a unit: 65536, 64KiB, 32MiB, 1GiB', text);
    },
    choice(option, text, choices) {
      return (choices as readonly string[]).includes(text) ? (text as (typeof choices)[number]) : refuse(option, `one of ${choices.join(', ')}`, text);
    },
    httpUrl(option, text) {
      let url: URL | undefined;
      try {
        url = new URL(text);
      } catch {
        url = undefined;
      }
      return url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:') ? text : refuse(option, 'an http:// or https:// URL', text);
    },
  };
}
