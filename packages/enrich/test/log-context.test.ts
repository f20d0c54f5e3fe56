import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { enrich, getLogContext, withLogContext } from '../src/index.ts';
import { sdkLines, setUp } from './sdk-lines.ts';

const REQUEST_ID = 'http.request.header.x-request-id';

describe('withLogContext', () => {
  it('returns what fn returns and exposes the context inside it only', async () => {
    const result = await withLogContext({ 'tenant.id': 'acme', 'session.id': undefined }, async () => {
      await sleep(1);
      return getLogContext();
    });
    expect(result).toEqual({ 'tenant.id': 'acme' });
    expect(getLogContext()).toEqual({});
  });

  it('inherits the outer context and lets the inner one win on a shared key', () => {
    const seen = withLogContext({ 'tenant.id': 'acme', [REQUEST_ID]: ['r-1'] }, () =>
      withLogContext({ 'user.id': 'u-7', 'tenant.id': 'acme-eu' }, () => getLogContext()),
    );
    expect(seen).toEqual({ 'tenant.id': 'acme-eu', [REQUEST_ID]: ['r-1'], 'user.id': 'u-7' });
  });

  it('throws a TypeError when fn is not a function', () => {
    expect(() => withLogContext({}, 'nope' as never)).toThrow(new TypeError('withLogContext: fn must be a function'));
  });
});

describe.each(sdkLines)('enrich context on sdk-logs $line', (line) => {
  it('gives every record of a request that request’s attributes, across awaits', async () => {
    const { logger, records } = setUp(line, [enrich()]);
    await withLogContext({ 'user.id': 'u-1', [REQUEST_ID]: ['r-1'] }, async () => {
      logger.emit({ body: 'start' });
      await sleep(1);
      await Promise.resolve().then(() => logger.emit({ body: 'after await' }));
    });
    logger.emit({ body: 'outside' });
    expect(records.map((r) => r.attributes)).toEqual([
      { 'user.id': 'u-1', [REQUEST_ID]: ['r-1'] },
      { 'user.id': 'u-1', [REQUEST_ID]: ['r-1'] },
      {},
    ]);
  });

  it('keeps two concurrent requests apart when their awaits interleave', async () => {
    const { logger, records } = setUp(line, [enrich()]);
    // Each flow waits on its own gates; opening them alternately makes the flows take turns.
    const gates = Array.from({ length: 6 }, () => {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    });
    const flow = (user: string, tenant: string, first: number) =>
      withLogContext({ 'user.id': user, 'tenant.id': tenant }, async () => {
        for (let step = 0; step < 3; step++) {
          await gates[first + 2 * step]!.promise;
          logger.emit({ body: `${user} step ${step}` });
        }
      });
    const done = Promise.all([flow('alice', 'acme', 0), flow('bob', 'globex', 1)]);
    for (const gate of gates) {
      gate.resolve();
      await sleep(0);
    }
    await done;

    expect(records.map((r) => r.body)).toEqual([
      'alice step 0', 'bob step 0', 'alice step 1', 'bob step 1', 'alice step 2', 'bob step 2',
    ]);
    for (const record of records) {
      const user = String(record.body).split(' ')[0];
      expect(record.attributes).toEqual({ 'user.id': user, 'tenant.id': user === 'alice' ? 'acme' : 'globex' });
    }
  });

  it('keeps the application’s value of a key the context also has', () => {
    const { logger, records } = setUp(line, [enrich()]);
    withLogContext({ 'user.id': 'from-context' }, () => logger.emit({ body: 'x', attributes: { 'user.id': 'from-app' } }));
    expect(records[0]!.attributes).toEqual({ 'user.id': 'from-app' });
  });

  it('puts a keyed hash of user.id in user.hash, and no user.id, when asked', () => {
    const { logger, records } = setUp(line, [enrich({ context: { hashUserId: { key: 'k-2024' } } })]);
    withLogContext({ 'user.id': 'alice@example.com', 'tenant.id': 'acme' }, () => {
      logger.emit({ body: 'a' });
      logger.emit({ body: 'b' });
    });
    const expected = createHmac('sha256', 'k-2024').update('alice@example.com').digest('hex');
    expect(records.map((r) => r.attributes)).toEqual([
      { 'user.hash': expected, 'tenant.id': 'acme' },
      { 'user.hash': expected, 'tenant.id': 'acme' },
    ]);
  });

  it('gives different hashes under different keys, so the key must stay secret', () => {
    const hashOf = (key: string) => {
      const { logger, records } = setUp(line, [enrich({ context: { hashUserId: { key } } })]);
      withLogContext({ 'user.id': 42 }, () => logger.emit({ body: 'x' }));
      return records[0]!.attributes['user.hash'];
    };
    expect(hashOf('one')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf('one')).not.toBe(hashOf('two'));
  });

  it('adds nothing from the context when context is off', () => {
    const { logger, records } = setUp(line, [enrich({ context: false })]);
    withLogContext({ 'user.id': 'u-1' }, () => logger.emit({ body: 'x' }));
    expect(records[0]!.attributes).toEqual({});
  });
});
