// A level word at the start of a string body, after an optional ISO 8601 timestamp:
//   "ERROR: disk full", "Error: ENOENT", "[warn] retrying", "<crit> …", "WARN  pool exhausted",
//   "2024-05-01T10:00:00.123Z INFO started", "[2024-05-01 10:00:00,123] AVERTISSEMENT …".
// Anchored, and every quantifier is bounded, so a match never looks past the first ~80
// characters whatever the body's length. A bare word must be upper case and a single letter
// must be bracketed: "Error rate fell" and "I think" are not levels.
const TIMESTAMP = String.raw`(?:\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?\]?\s{1,4})?`;
const SUFFIX = String.raw`(?:[+-]\d{1,2}|\d)?`;
const BRACKETED = String.raw`[\[(<]\s?(\p{L}{1,20}${SUFFIX})\s?[\])>]`;
const COLON = String.raw`(\p{L}{2,20}${SUFFIX})\s?:`;
const BARE = String.raw`(\p{Lu}{2,20}${SUFFIX})(?=[\s|]|$)`;
const BODY_PREFIX = new RegExp(String.raw`^\s{0,4}${TIMESTAMP}(?:${BRACKETED}|${COLON}|${BARE})`, 'u');

/** Level words of some presets that also begin ordinary messages ("HTTP GET /", "Data: …"). */
const NOT_A_LEVEL_UNBRACKETED = new Set(['http', 'data', 'help', 'input', 'prompt']);

/** The level-like word a body starts with, or undefined. */
export function bodyPrefixWord(body: string): string | undefined {
  const match = BODY_PREFIX.exec(body);
  if (match === null) return undefined;
  if (match[1] !== undefined) return match[1];
  const word = match[2] ?? match[3]!;
  return NOT_A_LEVEL_UNBRACKETED.has(word.toLowerCase()) ? undefined : word;
}
