import type { BuiltinPatternName, Detector, Hit, SecretKind } from './detector.ts';
import { found } from './detector.ts';

export type Accept = (input: string, start: number, end: number, hit: Hit) => boolean;

export const whole = (kind: SecretKind): Accept => (_input, start, end, hit) => found(hit, start, start, end, end, kind);

/**
 * A detector from a regular expression that finds candidates and a function that confirms them.
 * A refused candidate is retried one character further on, so a source that `accept` may refuse
 * is bounded in length. `prefilter`, a cheaper search (no lookbehind) that every candidate
 * matches, is tried once per string: a string it does not match is left at once.
 */
export function regexDetector(name: BuiltinPatternName, needs: [any: number, all: number], source: string, accept: Accept, prefilter?: RegExp): Detector {
  const regex = new RegExp(source, 'g');
  return {
    name,
    needsAny: needs[0],
    needsAll: needs[1],
    next(input, from, hit) {
      if (from === 0 && prefilter !== undefined && !prefilter.test(input)) return false;
      for (let position = from; position <= input.length; ) {
        regex.lastIndex = position;
        const match = regex.exec(input);
        if (match === null) return false;
        if (accept(input, match.index, match.index + match[0].length, hit)) return true;
        position = match.index + 1;
      }
      return false;
    },
  };
}
