import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';
import { exportedText, sdkLines, setUp } from './setup.ts';

const R = '[REDACTED]';

/**
 * sdk-logs keeps the application's objects by reference and an exporter reads them again at
 * export: each case changes what a second read returns, then reads the record as an exporter would.
 */
describe.each(sdkLines)('redact owned copy on sdk-logs $line', (line) => {
  it('exports what was inspected when the application mutates the body and attributes after emit', () => {
    const { emit } = setUp([redact()], line);
    const body: Record<string, unknown> = { user: 'bob', tags: ['a'] };
    const nested: Record<string, unknown> = { step: 1 };
    const bytes = new Uint8Array([1, 2, 3]);
    const record = emit({ body, attributes: { 'app.ctx': nested, 'app.list': ['x'], 'app.bytes': bytes } });
    body.password = 'hunter2';
    (body.tags as string[]).push('token=hunter2');
    nested.password = 'hunter2';
    bytes[0] = 0x68;
    expect(exportedText(record)).not.toContain('hunter2');
    expect(record?.body).toEqual({ user: 'bob', tags: ['a'] });
    expect(record?.attributes).toEqual({ 'app.ctx': { step: 1 }, 'app.list': ['x'], 'app.bytes': new Uint8Array([1, 2, 3]) });
  });

  it('reads a getter once and exports its first answer when a second read would return a secret', () => {
    const { emit } = setUp([redact()], line);
    let reads = 0;
    const body = {
      get note(): string {
        return reads++ === 0 ? 'ok' : 'password=hunter2';
      },
    };
    const record = emit({ body: { order: body } });
    expect(exportedText(record)).not.toContain('hunter2');
    expect(record?.body).toEqual({ order: { note: 'ok' } });
    expect(reads).toBe(1);
  });

  it('reads a Proxy once and exports its first answers when later reads would add a secret', () => {
    const { emit } = setUp([redact()], line);
    let reads = 0;
    const target: Record<string, unknown> = { user: 'bob' };
    const proxy = new Proxy(target, {
      get(object, key) {
        reads++;
        return reads > 1 ? 'Bearer abcdefghijklmnop1234' : Reflect.get(object, key);
      },
      ownKeys(object) {
        return reads > 1 ? [...Reflect.ownKeys(object), 'password'] : Reflect.ownKeys(object);
      },
      getOwnPropertyDescriptor(object, key) {
        return key === 'password' ? { value: 'hunter2', enumerable: true, configurable: true } : Reflect.getOwnPropertyDescriptor(object, key);
      },
    });
    let itemReads = 0;
    const list = new Proxy(['a'], {
      get: (array, key) => (key === '0' && itemReads++ > 0 ? 'token=hunter2' : Reflect.get(array, key)),
    });
    const record = emit({ body: { proxy, list } });
    expect(exportedText(record)).not.toContain('hunter2');
    expect(exportedText(record)).not.toContain('abcdefghijklmnop1234');
    expect(record?.body).toEqual({ proxy: { user: 'bob' }, list: ['a'] });
    expect(itemReads).toBe(1);
  });

  it('keeps an owned copy with its secrets redacted, and never writes to the application object', () => {
    const { emit } = setUp([redact()], line);
    const body = { user: { mail: 'ann@example.com', role: 'admin' } };
    const record = emit({ body });
    body.user.role = 'root';
    expect(record?.body).toEqual({ user: { mail: R, role: 'admin' } });
    expect(body.user.mail).toBe('ann@example.com');
  });
});
