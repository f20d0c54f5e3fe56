import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import type { Stage } from '@logweave/core';
import { afterEach, describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';
import { exportedText, sdkLines, setUp } from './setup.ts';

const R = '[REDACTED]';

class Customer {
  email = 'ann@example.com';
}

afterEach(() => {
  diag.disable();
});

describe.each(sdkLines)('redact fail-closed on sdk-logs $line', (line) => {
  it('replaces the whole body and counts a failure when reading it throws', () => {
    const stage = redact();
    const { emit } = setUp([stage], line);
    const body = {
      get password(): string {
        throw new Error('cannot read hunter2');
      },
    };
    const record = emit({ body: { user: body } });
    expect(record?.body).toBe(R);
    expect(stage.stats().failures).toBe(1);
  });

  it('replaces values that are not plain data and keeps the rest', () => {
    const stage = redact();
    const { emit } = setUp([stage], line);
    const record = emit({
      body: { fn: () => 'x', sym: Symbol('s'), big: 10n, customer: new Customer(), map: new Map([['k', 'v']]), at: new Date(0), ok: 1 },
    });
    expect(record?.body).toEqual({ fn: R, sym: R, big: R, customer: R, map: R, at: R, ok: 1 });
    expect(stage.stats().redactions).toEqual({ unsupported: 6 });
  });

  it('replaces a reference cycle and objects nested deeper than maxDepth', () => {
    const stage = redact({ maxDepth: 3 });
    const { emit } = setUp([stage], line);
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    const record = emit({ body: { loop, deep: { a: { b: { c: 1 } } } } });
    expect(record?.body).toEqual({ loop: { name: 'loop', self: R }, deep: { a: { b: R } } });
    expect(stage.stats().redactions).toEqual({ cycle: 1, depth: 1 });
  });

  it('replaces a body whose proxy throws while its keys are listed', () => {
    const stage = redact();
    const { emit } = setUp([stage], line);
    const hostile = new Proxy({}, {
      ownKeys() {
        throw new Error('token=abc');
      },
    });
    expect(emit({ body: hostile })?.body).toBe(R);
    expect(stage.stats().failures).toBe(1);
  });

  it('passes bytes through and exports an equal, owned copy of plain data without secrets', () => {
    const { emit } = setUp([redact()], line);
    const body = { bytes: new Uint8Array([1, 2]), list: [1, 'two', { three: 3 }], empty: null };
    const exported = emit({ body })?.body as typeof body;
    expect(exported).toEqual(body);
    expect(exported).not.toBe(body);
    expect(exported.bytes).not.toBe(body.bytes);
  });

  it('keeps a record whose body or values are NaN, and counts no redaction for them', () => {
    const stage = redact({ countAttribute: true });
    const { emit } = setUp([stage], line);
    expect(emit({ body: NaN, attributes: { ratio: NaN } })?.body).toBeNaN();
    const body = { ratio: NaN, list: [NaN, 1], note: 'ok' };
    const record = emit({ body, attributes: { ratio: NaN, nested: { v: [NaN] } } });
    expect(record?.body).toEqual(body);
    expect(record?.attributes).toEqual({ ratio: NaN, nested: { v: [NaN] } });
    const withSecret = emit({ body: { ratio: NaN, mail: 'ann@example.com' } });
    expect(withSecret?.body).toEqual({ ratio: NaN, mail: R });
    expect(stage.stats()).toMatchObject({ dropped: 0, redactedRecords: 1 });
  });

  it('writes a new body and never changes the application object', () => {
    const { emit } = setUp([redact()], line);
    const body = { user: { email: 'ann@example.com', role: 'admin' }, tags: ['x@y.io'] };
    const exported = emit({ body })?.body as typeof body;
    expect(exported).toEqual({ user: { email: R, role: 'admin' }, tags: [R] });
    expect(body).toEqual({ user: { email: 'ann@example.com', role: 'admin' }, tags: ['x@y.io'] });
    expect(exported.user).not.toBe(body.user);
  });

  it('removes an attribute whose setter refuses the redacted value', () => {
    const refuseWrites: Stage = {
      name: 'refuse-writes',
      process: (record) => {
        (record as { setAttribute: unknown }).setAttribute = () => record;
      },
    };
    const { emit } = setUp([refuseWrites, redact()], line);
    const record = emit({ attributes: { password: 'hunter2', note: 'mail ann@example.com', 'user.id': '1' } });
    expect(record?.attributes).toEqual({ 'user.id': '1' });
  });

  it('drops the record and counts it when a redacted value cannot be written at all', () => {
    const freeze: Stage = {
      name: 'freeze',
      process: (record) => {
        Object.freeze(record.attributes);
      },
    };
    const refuseBody: Stage = {
      name: 'refuse-body',
      process: (record) => {
        (record as { setBody: unknown }).setBody = () => record;
      },
    };
    const stage = redact();
    const frozen = setUp([freeze, stage], line);
    expect(frozen.emit({ attributes: { password: 'hunter2' } })).toBeUndefined();
    const refused = setUp([refuseBody, stage], line);
    expect(refused.emit({ body: 'mail ann@example.com' })).toBeUndefined();
    expect(stage.stats().dropped).toBe(2);
    expect(frozen.processor.stats().droppedBy).toEqual({ redact: 1 });
  });

  it('redacts both records when a custom validator logs while a record is being redacted', () => {
    let log: (record: { body?: unknown; attributes?: Record<string, unknown> }) => unknown = () => undefined;
    const validate = () => {
      log({ body: 'inner mail a@b.io', attributes: { password: 'inner-secret' } });
      return true;
    };
    const stage = redact({ countAttribute: true, patterns: { custom: [{ name: 'emp', regex: /EMP\d+/g, validate }] } });
    const { emit, sink } = setUp([stage], line);
    log = emit;
    emit({ body: 'EMP12 and x@y.io', attributes: { token: 'outer-secret', note: 'EMP14' } });
    const records = sink.records.map((r) => ({ body: r.body, attributes: r.attributes }));
    const inner = { body: `inner mail ${R}`, attributes: { password: R, 'logweave.redaction.count': 2 } };
    expect(records).toEqual([
      inner,
      inner,
      { body: `${R} and ${R}`, attributes: { token: R, note: R, 'logweave.redaction.count': 4 } },
    ]);
  });

  it('renames an attribute whose key is itself an email', () => {
    const { emit } = setUp([redact()], line);
    expect(emit({ attributes: { 'ann@example.com': 1, ok: 2 } })?.attributes).toEqual({ ok: 2, [R]: 1 });
  });

  it('writes no secret to diagnostics while it fails', () => {
    const messages: string[] = [];
    const collect = (...args: unknown[]) => void messages.push(args.map(String).join(' '));
    const logger: DiagLogger = { error: collect, warn: collect, info: collect, debug: collect, verbose: collect };
    diag.setLogger(logger, DiagLogLevel.ALL);
    const { emit } = setUp([redact()], line);
    const secretGetter = {
      get value(): string {
        throw new Error('leaked hunter2');
      },
    };
    const record = emit({ body: { secretGetter, password: 'hunter2' }, attributes: { token: 'hunter2' } });
    expect(exportedText(record)).not.toContain('hunter2');
    expect(messages.join('\n')).not.toContain('hunter2');
  });
});
