import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';
import { setUp } from './setup.ts';

const R = '[REDACTED]';

describe('redact walk of structured values', () => {
  it('copies a value met twice that is not a cycle, in objects and arrays', () => {
    const stage = redact();
    const shared = { v: 1 };
    const list = ['a'];
    const body = { a: shared, b: shared, c: [list, list] };
    expect(setUp([stage]).emit({ body })?.body).toEqual({ a: { v: 1 }, b: { v: 1 }, c: [['a'], ['a']] });
    expect(stage.stats().redactions).toEqual({});
  });

  it('replaces an array that contains itself, and arrays deeper than maxDepth', () => {
    const stage = redact({ maxDepth: 3 });
    const loop: unknown[] = ['x'];
    loop.push(loop);
    expect(setUp([stage]).emit({ body: { loop, deep: [[['too deep']]] } })?.body).toEqual({ loop: ['x', R], deep: [[R]] });
    expect(stage.stats().redactions).toEqual({ cycle: 1, depth: 1 });
  });

  it('keeps a __proto__ key as a key and walks objects without a prototype', () => {
    const body = JSON.parse('{"__proto__":{"mail":"ann@example.com"},"b":2}') as Record<string, unknown>;
    const exported = setUp([redact()]).emit({ body })?.body as Record<string, unknown>;
    expect(Object.getPrototypeOf(exported)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(exported, '__proto__')?.value).toEqual({ mail: R });
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { mail: 'ann@example.com', n: 1 });
    expect(setUp([redact()]).emit({ body: bare })?.body).toEqual({ mail: R, n: 1 });
  });

  it('counts nested denied keys under key and keys left out of allowKeys under not-allowed', () => {
    const denied = redact();
    setUp([denied]).emit({ body: { user: { password: 'x' }, n: 1, list: [undefined, 2] } });
    expect(denied.stats().redactions).toEqual({ key: 1 });
    const allowed = redact({ allowKeys: ['user'] });
    setUp([allowed]).emit({ body: { user: { name: 'ann' } } });
    expect(allowed.stats().redactions).toEqual({ 'not-allowed': 1 });
  });
});
