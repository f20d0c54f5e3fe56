const SEPARATOR = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;

function kind(code: number): number {
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 65 && code <= 90) return UPPER;
  if (code >= 48 && code <= 57) return DIGIT;
  // Letters outside ASCII belong to words (contraseña); they have no case boundary.
  return code > 127 ? LOWER : SEPARATOR;
}

/**
 * The words of a key, lowercased: split at separators (anything not a letter or digit), at
 * camelCase humps (`apiKey`, `APIKey`) and between letters and digits (`oauth2token`).
 */
export function keyWords(key: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= key.length; i++) {
    const k = i < key.length ? kind(key.charCodeAt(i)) : SEPARATOR;
    if (start >= 0 && isBoundary(key, i, k)) {
      words.push(key.slice(start, i).toLowerCase());
      start = -1;
    }
    if (start < 0 && k !== SEPARATOR) start = i;
  }
  return words;
}

function isBoundary(key: string, i: number, k: number): boolean {
  if (k === SEPARATOR) return true;
  const prev = kind(key.charCodeAt(i - 1));
  if (prev === SEPARATOR) return false;
  if ((prev === DIGIT) !== (k === DIGIT)) return true;
  if (prev === LOWER && k === UPPER) return true;
  // The last capital of a run starts the next word: APIKey → API, Key.
  return prev === UPPER && k === UPPER && i + 1 < key.length && kind(key.charCodeAt(i + 1)) === LOWER;
}

/** A key or key name, case and separators removed: 'X-Api-Key' → 'xapikey'. */
export function normalizeKey(key: string): string {
  return keyWords(key).join('');
}

/**
 * True when some run of consecutive `words`, joined, equals `name` (normalized): 'api_key'
 * matches the words of `x-api-key` and `APIKEY`; 'token' those of `accessToken` but not `input_tokens`.
 */
export function wordRunEquals(words: readonly string[], name: string): boolean {
  for (let first = 0; first < words.length; first++) {
    let joined = '';
    for (let last = first; last < words.length && joined.length < name.length; last++) {
      joined += words[last];
      if (joined === name) return true;
      if (!name.startsWith(joined)) break;
    }
  }
  return false;
}
