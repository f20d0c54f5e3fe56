const QUOTE = 34;
const BACKSLASH = 92;

/**
 * Index of the `"` closing a quoted field whose text starts at `start`, skipping
 * backslash-escaped characters (Apache, logfmt and RFC 5424 all escape a quote as `\"`);
 * -1 when there is none.
 */
export function closingQuote(line: string, start: number): number {
  for (let i = start; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return -1;
}
