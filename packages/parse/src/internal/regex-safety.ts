/**
 * True when a repeated group (`*`, `+`, `{n,}`, `{n,m}` with m > 1) contains a quantifier, as in
 * `(a+)+` or `(?:\w+\s?)*`: the star height above one that makes a backtracking engine take
 * exponential time on a line that almost matches. A quick structural read of the source, not a
 * full parser: escapes and character classes are skipped, group prefixes (`(?:`, `(?<name>`,
 * lookarounds) are not mistaken for quantifiers.
 */
export function hasNestedQuantifier(source: string): boolean {
  const groups: boolean[] = [];
  let quantifiedHere = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      i = classEnd(source, i);
    } else if (c === '(') {
      groups.push(quantifiedHere);
      quantifiedHere = false;
      i = groupPrefixEnd(source, i);
    } else if (c === ')') {
      const inner = quantifiedHere;
      quantifiedHere = groups.pop() ?? false;
      const repeat = quantifierAt(source, i + 1);
      if (repeat === 'repeat' && inner) return true;
      if (inner || repeat !== undefined) quantifiedHere = true;
    } else if (quantifierAt(source, i) !== undefined) {
      quantifiedHere = true;
    }
  }
  return false;
}

/** 'repeat' for `*`, `+`, `{n,}`, `{n,m}` (m > 1); 'optional' for `?` and `{0,1}`; undefined for none. */
function quantifierAt(source: string, i: number): 'repeat' | 'optional' | undefined {
  const c = source[i];
  if (c === '*' || c === '+') return 'repeat';
  if (c === '?') return 'optional';
  if (c !== '{') return undefined;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
  if (match === null) return undefined;
  const max = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
  return max > 1 ? 'repeat' : 'optional';
}

/** Index of the `]` closing the class opened at `start`. */
function classEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return source.length;
}

/** Index of the last character of a group's prefix: `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`. */
function groupPrefixEnd(source: string, open: number): number {
  if (source[open + 1] !== '?') return open;
  const next = source[open + 2];
  if (next === ':' || next === '=' || next === '!') return open + 2;
  if (next === '<') {
    if (source[open + 3] === '=' || source[open + 3] === '!') return open + 3;
    const close = source.indexOf('>', open + 3);
    return close < 0 ? source.length : close;
  }
  return open + 1;
}
