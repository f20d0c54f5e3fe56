import type { AnyValue } from '@logweave/core';
import { closingQuote } from '../internal/closing-quote.ts';

const OPEN = 91; // [
const CLOSE = 93; // ]
const QUOTE = 34;
const BACKSLASH = 92;
const SPACE = 32;
const EQUALS = 61;

/**
 * RFC 5424 STRUCTURED-DATA at `start` (one or more `[id name="value" …]` elements) into
 * `syslog.structured_data.<SD-ID>.<name>` attributes, values unescaped (`\"`, `\\`, `\]`).
 * Returns the index after the last element, or -1 when the data is malformed.
 */
export function structuredDataInto(line: string, start: number, attributes: Record<string, AnyValue>): number {
  let i = start;
  if (line.charCodeAt(i) !== OPEN) return -1;
  while (line.charCodeAt(i) === OPEN) {
    const idEnd = nameEnd(line, i + 1);
    if (idEnd === i + 1) return -1;
    const prefix = `syslog.structured_data.${line.slice(i + 1, idEnd)}.`;
    i = idEnd;
    while (line.charCodeAt(i) === SPACE) {
      const paramEnd = nameEnd(line, i + 1);
      if (paramEnd === i + 1 || line.charCodeAt(paramEnd) !== EQUALS || line.charCodeAt(paramEnd + 1) !== QUOTE) return -1;
      const valueEnd = closingQuote(line, paramEnd + 2);
      if (valueEnd < 0) return -1;
      attributes[prefix + line.slice(i + 1, paramEnd)] = unescapeParam(line, paramEnd + 2, valueEnd);
      i = valueEnd + 1;
    }
    if (line.charCodeAt(i) !== CLOSE) return -1;
    i++;
  }
  return i;
}

/** SD-NAME: 1..32 printable ASCII characters except `=`, space, `]` and `"`. */
function nameEnd(line: string, start: number): number {
  let i = start;
  while (i - start < 32 && i < line.length) {
    const c = line.charCodeAt(i);
    if (c <= SPACE || c > 126 || c === EQUALS || c === CLOSE || c === QUOTE) break;
    i++;
  }
  return i;
}

/** RFC 5424 escapes only `"`, `\` and `]`; a backslash before anything else stays. */
function unescapeParam(line: string, start: number, end: number): string {
  const slash = line.indexOf('\\', start);
  if (slash < 0 || slash >= end) return line.slice(start, end);
  let out = line.slice(start, slash);
  for (let i = slash; i < end; i++) {
    const c = line.charCodeAt(i);
    const next = line.charCodeAt(i + 1);
    if (c === BACKSLASH && i + 1 < end && (next === QUOTE || next === BACKSLASH || next === CLOSE)) {
      out += line[i + 1];
      i++;
    } else {
      out += line[i];
    }
  }
  return out;
}
