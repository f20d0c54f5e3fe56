export const BUILTIN_PATTERN_NAMES = [
  'url',
  'privateKey',
  'jwt',
  'bearer',
  'apiKey',
  'card',
  'iban',
  'email',
  'ipv6',
  'ipv4',
  'phone',
  'usSsn',
  'frNir',
  'esDni',
  'keyValue',
] as const;

export type BuiltinPatternName = (typeof BUILTIN_PATTERN_NAMES)[number];

/**
 * Addresses, phone numbers and national ids are personal data in some settings and plain
 * diagnostics or look-alike numbers in most: opt-in.
 */
export const DEFAULT_OFF_PATTERNS: readonly BuiltinPatternName[] = ['ipv4', 'ipv6', 'phone', 'usSsn', 'frNir', 'esDni'];

/**
 * How a secret is rendered: `card`, `iban` and `email` are normalized before hashing and before
 * keeping the last 4; `query` and `userinfo` parts of URLs become `REDACTED` as the OTel URL
 * conventions say.
 */
export type SecretKind = 'value' | 'card' | 'iban' | 'email' | 'query' | 'userinfo';

/** A secret found: [secretStart, secretEnd) is replaced; the match spans [start, end). -1 start: none. */
export interface Hit {
  start: number;
  secretStart: number;
  secretEnd: number;
  end: number;
  kind: SecretKind;
  /**
   * The detector's own notes on the string it is reading, set by its call from 0 (the first for
   * each string) and read by its later calls on the same string.
   */
  notes: number;
}

export interface DetectorContext {
  /** True when a key written in text (`password=…`) names a secret. */
  deniedInText(key: string): boolean;
  /** Characters of the shortest deny-list name: a shorter key cannot name a secret. */
  readonly minDeniedKeyLength: number;
  /**
   * False when the key characters of `input` in [start, end) lack a letter or digit of every
   * deny-list name, so that no key read there can name a secret: most keys in text are ruled out
   * without a copy or a lookup.
   */
  mayNameInText(input: string, start: number, end: number): boolean;
}

/**
 * One built-in pattern. Every detector is linear in the length of its input; the rules it
 * follows are in the README (Security, "Regular expressions").
 */
export interface Detector {
  readonly name: BuiltinPatternName;
  /** Feature bits (features.ts) of which a string must hold at least one for this detector to run. */
  readonly needsAny: number;
  /** Feature bits a string must all hold for this detector to run. */
  readonly needsAll: number;
  /** Finds the first secret that starts at or after `from`, into `hit`. */
  next(input: string, from: number, hit: Hit, context: DetectorContext): boolean;
}

export function found(hit: Hit, start: number, secretStart: number, secretEnd: number, end: number, kind: SecretKind): true {
  hit.start = start;
  hit.secretStart = secretStart;
  hit.secretEnd = secretEnd;
  hit.end = end;
  hit.kind = kind;
  return true;
}

