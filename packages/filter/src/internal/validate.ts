/**
 * Set-up checks: each throws a TypeError naming the component and the option, so a wrong
 * configuration fails when the pipeline is built, never while records flow.
 */

export function assertObject(component: string, value: unknown): asserts value is object {
  if (value === null || typeof value !== 'object') {
    throw new TypeError(`${component}: options must be an object`);
  }
}

export function assertPositiveNumber(component: string, option: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${component}: ${option} must be a finite number greater than 0; got ${String(value)}`);
  }
}

export function assertPositiveInteger(component: string, option: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`${component}: ${option} must be an integer of at least 1; got ${String(value)}`);
  }
}

export function assertRatio(component: string, option: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new TypeError(`${component}: ${option} must be a number from 0 to 1; got ${String(value)}`);
  }
}

export function assertName(component: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${component}: name must be a non-empty string`);
  }
}

export function assertFunction(component: string, option: string, value: unknown): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') {
    throw new TypeError(`${component}: ${option} must be a function`);
  }
}

export function assertOneOf<T extends string>(
  component: string,
  option: string,
  value: unknown,
  allowed: readonly T[],
): asserts value is T {
  if (!allowed.includes(value as T)) {
    throw new TypeError(`${component}: ${option} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; got ${String(value)}`);
  }
}
