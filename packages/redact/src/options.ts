import { BUILTIN_PATTERN_NAMES, DEFAULT_OFF_PATTERNS, type BuiltinPatternName } from './internal/detector.ts';
import { DEFAULT_DENY_KEYS } from './internal/deny-keys.ts';
import { normalizeKey } from './internal/key-words.ts';

/**
 * What happens to a secret: replaced by the mask, replaced by the mask plus its last 4
 * characters (values of 12 characters or more), removed, or replaced by a keyed hash
 * (HMAC-SHA256) so that equal values stay joinable across records.
 */
export type RedactAction = 'mask' | 'mask-last4' | 'remove' | 'hash';

/** A pattern of your own, run on every string after the built-in ones. */
export interface CustomPattern {
  /** Names the pattern in `stats().redactions`. */
  name: string;
  /**
   * Used as-is, with its own flags, which must include `g` and not `y`. The whole match is the
   * secret: use a lookbehind for a prefix to keep (`/(?<=order_token=)\w+/g`). Its cost is yours:
   * a regex with nested quantifiers over overlapping classes can take exponential time.
   */
  regex: RegExp;
  /** Confirms a match is a secret; a throwing validator counts as yes (fail closed). */
  validate?: (match: string) => boolean;
}

/** Built-in patterns switched on (true) or off (false) by name, and patterns of your own. */
export type PatternOptions = { readonly [K in BuiltinPatternName]?: boolean } & {
  /** @default [] */
  readonly custom?: readonly CustomPattern[];
};

export interface RedactOptions {
  /**
   * Key names redacted in attributes and in structured bodies, added to DEFAULT_DENY_KEYS.
   * Matching ignores case and separators, and a name matches a run of words of a key:
   * 'api_key' matches `x-api-key`, `apiKey` and `APIKEY`. Names given here are never exempted
   * (the default list spares `token_type`, `secretName`, `PWD`…; see the README).
   * @default []
   */
  keys?: readonly string[];
  /**
   * Allow-list mode: a key (attribute or nested) whose name is not listed has its value redacted.
   * Matching ignores case and separators. The deny list still applies to listed keys.
   * @default undefined (off)
   */
  allowKeys?: readonly string[];
  /**
   * Built-ins on or off by name, and custom patterns.
   * @default all built-ins on except the personal-data ones: ipv4, ipv6, phone, usSsn, frNir, esDni
   */
  patterns?: PatternOptions;
  /** @default 'mask' */
  action?: RedactAction;
  /**
   * Text that replaces a secret. URL credentials and signed-URL query values use `REDACTED`, as
   * the OTel URL semantic conventions prescribe.
   * @default '[REDACTED]'
   */
  mask?: string;
  /** HMAC-SHA256 key, at least 32 bytes; required when `action` is 'hash'. */
  hashKey?: string | Uint8Array;
  /**
   * Attribute that receives the number of redactions of a record (set only when above 0);
   * `true` names it 'logweave.redaction.count'.
   * @default undefined (not set)
   */
  countAttribute?: string | boolean;
  /**
   * Nesting levels walked in structured bodies and attribute values; deeper objects are replaced whole.
   * @default 16
   */
  maxDepth?: number;
}

export interface ResolvedRedactOptions {
  denyKeys: string[];
  /** The `keys` option, normalized: also part of denyKeys. */
  userDenyKeys: string[];
  allowKeys: Set<string> | undefined;
  patterns: Set<BuiltinPatternName>;
  custom: CustomPattern[];
  action: RedactAction;
  mask: string;
  hashKey: Uint8Array | undefined;
  countAttribute: string | undefined;
  maxDepth: number;
}

export const DEFAULT_COUNT_ATTRIBUTE = 'logweave.redaction.count';
const MIN_HASH_KEY_BYTES = 32;
const ACTIONS: readonly RedactAction[] = ['mask', 'mask-last4', 'remove', 'hash'];

export function resolveRedactOptions(options: RedactOptions = {}): ResolvedRedactOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('redact: options must be an object');
  const action = options.action ?? 'mask';
  if (!ACTIONS.includes(action)) throw new TypeError(`redact: action must be one of ${ACTIONS.join(', ')}`);
  const mask = options.mask ?? '[REDACTED]';
  if (typeof mask !== 'string' || mask === '') throw new TypeError('redact: mask must be a non-empty string');
  const maxDepth = options.maxDepth ?? 16;
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > 1000) {
    throw new TypeError('redact: maxDepth must be an integer 1..1000');
  }
  const { patterns, custom } = resolvePatterns(options.patterns);
  const userDenyKeys = keyList('keys', options.keys).map(normalizeKey);
  return {
    denyKeys: [...DEFAULT_DENY_KEYS.map(normalizeKey), ...userDenyKeys],
    userDenyKeys,
    allowKeys: options.allowKeys === undefined ? undefined : new Set(keyList('allowKeys', options.allowKeys).map(normalizeKey)),
    patterns,
    custom,
    action,
    mask,
    hashKey: resolveHashKey(options.hashKey, action),
    countAttribute: resolveCountAttribute(options.countAttribute),
    maxDepth,
  };
}

function keyList(option: string, keys: readonly string[] | undefined): string[] {
  if (keys === undefined) return [];
  if (!Array.isArray(keys)) throw new TypeError(`redact: ${option} must be an array of key names`);
  for (const key of keys) {
    if (typeof key !== 'string' || normalizeKey(key) === '') {
      throw new TypeError(`redact: ${option} must hold key names with at least one letter or digit`);
    }
  }
  return [...keys];
}

function resolvePatterns(options: PatternOptions | undefined): { patterns: Set<BuiltinPatternName>; custom: CustomPattern[] } {
  const patterns = new Set(BUILTIN_PATTERN_NAMES.filter((name) => !DEFAULT_OFF_PATTERNS.includes(name)));
  if (options === undefined) return { patterns, custom: [] };
  if (options === null || typeof options !== 'object') throw new TypeError('redact: patterns must be an object');
  for (const [name, on] of Object.entries(options)) {
    if (name === 'custom') continue;
    if (!(BUILTIN_PATTERN_NAMES as readonly string[]).includes(name)) {
      throw new TypeError(`redact: patterns.${name} is not a built-in pattern; use one of ${BUILTIN_PATTERN_NAMES.join(', ')} or patterns.custom`);
    }
    if (typeof on !== 'boolean') throw new TypeError(`redact: patterns.${name} must be true or false`);
    if (on) patterns.add(name as BuiltinPatternName);
    else patterns.delete(name as BuiltinPatternName);
  }
  return { patterns, custom: resolveCustom(options.custom) };
}

function resolveCustom(custom: readonly CustomPattern[] | undefined): CustomPattern[] {
  if (custom === undefined) return [];
  if (!Array.isArray(custom)) throw new TypeError('redact: patterns.custom must be an array of { name, regex, validate? }');
  const names = new Set<string>(BUILTIN_PATTERN_NAMES);
  return custom.map((pattern: CustomPattern, i) => {
    const at = `redact: patterns.custom[${i}]`;
    if (pattern === null || typeof pattern !== 'object') throw new TypeError(`${at} must be { name, regex, validate? }`);
    if (typeof pattern.name !== 'string' || pattern.name === '') throw new TypeError(`${at}.name must be a non-empty string`);
    if (names.has(pattern.name)) throw new TypeError(`${at}.name '${pattern.name}' is already used`);
    names.add(pattern.name);
    if (!(pattern.regex instanceof RegExp) || !pattern.regex.global || pattern.regex.sticky) {
      throw new TypeError(`${at}.regex must be a RegExp with the g flag and without the y flag`);
    }
    if (pattern.validate !== undefined && typeof pattern.validate !== 'function') {
      throw new TypeError(`${at}.validate must be a function`);
    }
    // A copy: its lastIndex is ours, and later changes to the caller's object do not reach the stage.
    const regex = new RegExp(pattern.regex.source, pattern.regex.flags);
    return pattern.validate === undefined ? { name: pattern.name, regex } : { name: pattern.name, regex, validate: pattern.validate };
  });
}

function resolveHashKey(key: string | Uint8Array | undefined, action: RedactAction): Uint8Array | undefined {
  if (key === undefined) {
    if (action === 'hash') throw new TypeError("redact: hashKey is required when action is 'hash'");
    return undefined;
  }
  let bytes: Uint8Array;
  if (typeof key === 'string') bytes = new TextEncoder().encode(key);
  else if (key instanceof Uint8Array) bytes = Uint8Array.from(key);
  else throw new TypeError('redact: hashKey must be a string or a Uint8Array');
  if (bytes.length < MIN_HASH_KEY_BYTES) {
    throw new TypeError(`redact: hashKey must be at least ${MIN_HASH_KEY_BYTES} bytes`);
  }
  return bytes;
}

function resolveCountAttribute(option: string | boolean | undefined): string | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return DEFAULT_COUNT_ATTRIBUTE;
  if (typeof option !== 'string' || option === '') throw new TypeError('redact: countAttribute must be a non-empty string or a boolean');
  return option;
}
