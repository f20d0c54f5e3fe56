/**
 * What both encoders write instead of a value they cannot walk, where the official serializer
 * would throw and lose the whole batch: a value that contains itself, nesting deeper than
 * MAX_NESTING, a property whose getter throws.
 */
export const CIRCULAR = '[circular]';
export const TOO_DEEP = '[nested too deep]';
export const UNREADABLE = '[unreadable]';

/** Far beyond any real log record; deep enough structures would overflow the stack instead. */
export const MAX_NESTING = 128;

/** The arrays and maps being written, outermost first (encoding is synchronous: one stack serves). */
const ancestors: object[] = [];

/** Enters `value`; a placeholder when it must not be walked, else undefined and `leave()` is owed. */
export function enter(value: object): string | undefined {
  if (ancestors.length >= MAX_NESTING) return TOO_DEEP;
  for (let i = 0; i < ancestors.length; i++) if (ancestors[i] === value) return CIRCULAR;
  ancestors.push(value);
  return undefined;
}

export function leave(): void {
  ancestors.pop();
}

/** A property's value, or the placeholder when reading it throws. */
export function read(object: object, key: string | number): unknown {
  try {
    return (object as Record<string | number, unknown>)[key];
  } catch {
    return UNREADABLE;
  }
}
