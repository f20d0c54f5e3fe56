import { hasNamedWordRun, normalizeKey } from './key-words.ts';

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
  readonly #allow: ReadonlySet<string> | undefined;
  readonly #verdicts = new Map<string, number>();
  readonly #deniedInText = new Map<string, boolean>();
  #hasSecret: KeySecretTest = () => false;

  constructor(deny: readonly string[], allow: ReadonlySet<string> | undefined) {
    this.#deny = deny;
    this.#allow = allow;
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
      denied = hasNamedWordRun(key, this.#deny);
      remember(this.#deniedInText, key, denied);
    }
    return denied;
  }

  #classify(key: string): number {
    let verdict = 0;
    if (hasNamedWordRun(key, this.#deny)) verdict |= DENIED;
    else if (this.#allow !== undefined && !this.#allow.has(normalizeKey(key))) verdict |= NOT_ALLOWED;
    if (this.#hasSecret(key)) verdict |= HAS_SECRET;
    return verdict;
  }
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (key.length > MAX_CACHED_KEY_LENGTH) return;
  if (cache.size >= MAX_CACHED_KEYS) cache.clear();
  cache.set(key, value);
}
