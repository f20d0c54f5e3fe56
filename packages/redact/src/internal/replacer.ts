import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { RedactAction } from '../options.ts';
import type { SecretKind } from './detector.ts';

/** Returned for a value that is to be removed rather than replaced. */
export const REMOVED: unique symbol = Symbol('logweave.redact.removed');

/** The OTel URL conventions' replacement for credentials and signed query values. */
const URL_MASK = 'REDACTED';
/** Shorter values would be mostly revealed by their last 4 characters. */
const MIN_LAST4_LENGTH = 12;
/** 128 bits of the HMAC: collisions stay negligible for joins, and the text stays short. */
const HASH_HEX_CHARS = 32;

/** Renders secrets according to the stage's action. */
export class Replacer {
  readonly action: RedactAction;
  readonly mask: string;
  readonly #key: KeyObject | undefined;

  constructor(action: RedactAction, mask: string, hashKey: Uint8Array | undefined) {
    this.action = action;
    this.mask = mask;
    this.#key = hashKey === undefined ? undefined : createSecretKey(hashKey);
  }

  /** What replaces a secret found inside a string. A `userinfo` secret ends with its `@`. */
  secret(text: string, kind: SecretKind): string {
    if (kind === 'userinfo') return this.#userinfo(text);
    switch (this.action) {
      case 'remove':
        return '';
      case 'hash':
        return this.#hash(normalize(text, kind));
      case 'mask-last4':
        if (kind !== 'query') return this.#last4(normalize(text, kind));
        return URL_MASK;
      default:
        return kind === 'query' ? URL_MASK : this.mask;
    }
  }

  /** What replaces a whole value: under a denied key, or a number that is a card number. */
  value(value: unknown, kind: SecretKind = 'value'): unknown {
    switch (this.action) {
      case 'remove':
        return REMOVED;
      case 'hash':
        return isScalar(value) ? this.#hash(normalize(String(value), kind)) : this.mask;
      case 'mask-last4':
        return typeof value === 'string' || kind === 'card' ? this.#last4(normalize(String(value), kind)) : this.mask;
      default:
        return this.mask;
    }
  }

  /** What replaces a value that cannot be inspected: never hashed, since it has no stable text. */
  get placeholder(): string | typeof REMOVED {
    return this.action === 'remove' ? REMOVED : this.mask;
  }

  #userinfo(text: string): string {
    const info = text.slice(0, -1);
    switch (this.action) {
      case 'remove':
        return '';
      case 'hash':
        return `${this.#hash(info)}@`;
      default:
        return info.includes(':') ? `${URL_MASK}:${URL_MASK}@` : `${URL_MASK}@`;
    }
  }

  #last4(text: string): string {
    return text.length >= MIN_LAST4_LENGTH ? this.mask + text.slice(-4) : this.mask;
  }

  #hash(text: string): string {
    const digest = createHmac('sha256', this.#key!).update(text, 'utf8').digest('hex');
    return `hmac:${digest.slice(0, HASH_HEX_CHARS)}`;
  }
}

function isScalar(value: unknown): boolean {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint';
}

/** One text per secret whatever its spelling, so that hashes join and the last 4 are meaningful. */
function normalize(text: string, kind: SecretKind): string {
  switch (kind) {
    case 'card':
      return text.replace(/[^0-9]/g, '');
    case 'iban':
      return text.replaceAll(' ', '').toUpperCase();
    case 'email':
      return text.toLowerCase();
    default:
      return text;
  }
}
