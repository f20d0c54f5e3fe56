import { namesSecret } from './key-hints.ts';
import { normalizeKey } from './key-words.ts';

/** The key is on the deny list. */
export const DENIED = 1;
/** Allow-list mode, and the key is not on the allow list. */
export const NOT_ALLOWED = 2;
/** The key text itself holds a secret (an email used as a map key): it is renamed. */
export const HAS_SECRET = 4;

/**
 * Keys repeat across records: verdicts are cached. When the cache is full it is cleared, so that
 * a stream of unique keys costs one classification each and bounded memory.
 */
const MAX_CACHED_KEYS = 4096;
/** Longer keys are classified every time rather than kept. */
const MAX_CACHED_KEY_LENGTH = 128;

export type KeySecretTest = (key: string) => boolean;

export class KeyNames {
  readonly #deny: readonly string[];
  /** The names of the `keys` option: they are never exempted as describing a secret. */
  readonly #userDeny: readonly string[];
  readonly #allow: ReadonlySet<string> | undefined;
  readonly #verdicts = new Map<string, number>();
  readonly #deniedInText = new Map<string, boolean>();
  #hasSecret: KeySecretTest = () => false;
  /** Characters of the shortest deny-list name (names are normalized, so never empty). */
  readonly minDeniedKeyLength: number;
  /** The characters of each deny-list name, as a mask (charMask). */
  readonly #nameMasks: Int32Array;

  constructor(deny: readonly string[], userDeny: readonly string[], allow: ReadonlySet<string> | undefined) {
    this.#deny = deny;
    this.#userDeny = userDeny;
    this.#allow = allow;
    this.minDeniedKeyLength = deny.reduce((min, name) => Math.min(min, name.length), Number.MAX_SAFE_INTEGER);
    this.#nameMasks = Int32Array.from(deny, (name) => charMask(name, 0, name.length));
  }

  /** Set once the scanner exists: the scanner needs the deny list for `key=value` in text. */
  set secretTest(test: KeySecretTest) {
    this.#hasSecret = test;
  }

  /** DENIED, NOT_ALLOWED and HAS_SECRET bits of a key of an attribute or of a structured body. */
  verdict(key: string): number {
    let verdict = this.#verdicts.get(key);
    if (verdict === undefined) {
      verdict = this.#classify(key);
      remember(this.#verdicts, key, verdict);
    }
    return verdict;
  }

  /** True when a key written in text names a secret; the allow list does not apply to text. */
  deniedInText(key: string): boolean {
    let denied = this.#deniedInText.get(key);
    if (denied === undefined) {
      denied = namesSecret(key, this.#deny, this.#userDeny);
      remember(this.#deniedInText, key, denied);
    }
    return denied;
  }

  mayNameInText(input: string, start: number, end: number): boolean {
    const present = charMask(input, start, end);
    const masks = this.#nameMasks;
    for (let i = 0; i < masks.length; i++) if ((masks[i]! & ~present) === 0) return true;
    return false;
  }

  #classify(key: string): number {
    let verdict = 0;
    if (namesSecret(key, this.#deny, this.#userDeny)) verdict |= DENIED;
    else if (this.#allow !== undefined && !this.#allow.has(normalizeKey(key))) verdict |= NOT_ALLOWED;
    if (this.#hasSecret(key)) verdict |= HAS_SECRET;
    return verdict;
  }
}

/**
 * The characters of `text` in [start, end) as bits: one per letter, either case (a name is
 * lower-case, a key may be in any case), one for any digit, one for anything else (a name with a
 * letter outside ASCII, which a key read from text, ASCII only, cannot hold).
 */
function charMask(text: string, start: number, end: number): number {
  let mask = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const letter = (code | 0x20) - 0x61;
    if (letter >= 0 && letter < 26) mask |= 1 << letter;
    else if (code >= 0x30 && code <= 0x39) mask |= 1 << 26;
    else if (code > 0x7f) mask |= 1 << 27;
  }
  return mask;
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (key.length > MAX_CACHED_KEY_LENGTH) return;
  if (cache.size >= MAX_CACHED_KEYS) cache.clear();
  cache.set(key, value);
}
