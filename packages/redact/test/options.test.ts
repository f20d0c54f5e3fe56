import { describe, expect, it } from 'vitest';
import { redact, type RedactOptions } from '../src/index.ts';

const invalid = (options: unknown) => () => redact(options as RedactOptions);

describe('redact options', () => {
  it.each([
    [{ action: 'hash' }, "redact: hashKey is required when action is 'hash'"],
    [{ action: 'hash', hashKey: 'too short' }, 'redact: hashKey must be at least 32 bytes'],
    [{ action: 'hash', hashKey: new Uint8Array(16) }, 'redact: hashKey must be at least 32 bytes'],
    [{ action: 'hash', hashKey: 42 }, 'redact: hashKey must be a string or a Uint8Array'],
    [{ action: 'scramble' }, 'redact: action must be one of mask, mask-last4, remove, hash'],
    [{ mask: '' }, 'redact: mask must be a non-empty string'],
    [{ maxDepth: 0 }, 'redact: maxDepth must be an integer 1..1000'],
    [{ keys: 'password' }, 'redact: keys must be an array of key names'],
    [{ keys: ['--'] }, 'redact: keys must hold key names with at least one letter or digit'],
    [{ allowKeys: [42] }, 'redact: allowKeys must hold key names with at least one letter or digit'],
    [{ countAttribute: '' }, 'redact: countAttribute must be a non-empty string or a boolean'],
    [{ patterns: { fax: true } as never }, 'redact: patterns.fax is not a built-in pattern'],
    [{ patterns: { email: 'yes' } }, 'redact: patterns.email must be true or false'],
    [{ patterns: { custom: [{ name: 'a', regex: /a/ }] } }, 'redact: patterns.custom[0].regex must be a RegExp with the g flag and without the y flag'],
    [{ patterns: { custom: [{ name: 'a', regex: /a/gy }] } }, 'redact: patterns.custom[0].regex must be a RegExp with the g flag and without the y flag'],
    [{ patterns: { custom: [{ name: 'email', regex: /a/g }] } }, "redact: patterns.custom[0].name 'email' is already used"],
    [{ patterns: { custom: [{ name: '', regex: /a/g }] } }, 'redact: patterns.custom[0].name must be a non-empty string'],
    [{ patterns: { custom: [{ name: 'a', regex: /a/g, validate: 'yes' }] } }, 'redact: patterns.custom[0].validate must be a function'],
    [null, 'redact: options must be an object'],
  ])('throws a TypeError naming the option when given %j', (options, message) => {
    expect(invalid(options)).toThrow(TypeError);
    expect(invalid(options)).toThrow(message);
  });

  it('accepts a 32-byte hash key given as bytes or as text', () => {
    expect(redact({ action: 'hash', hashKey: new Uint8Array(32) }).name).toBe('redact');
    expect(redact({ action: 'hash', hashKey: 'é'.repeat(16) }).name).toBe('redact');
  });

});
