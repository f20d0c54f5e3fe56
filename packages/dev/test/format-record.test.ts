import { describe, expect, it } from 'vitest';
import { formatRecord } from '../src/index.ts';
import type { ReceivedLogRecord } from '@logweave/testing';

const base: ReceivedLogRecord = {
  resource: {},
  scope: { name: 'shop.server', version: '', attributes: {} },
  timeUnixNano: String(Date.UTC(2026, 0, 2, 3, 4, 5, 678) * 1e6),
  observedTimeUnixNano: '0',
  severityNumber: 14,
  severityText: '',
  body: 'disk almost full',
  attributes: { 'url.path': '/upload', 'user.id': 'u 1', other: 'hidden' },
  droppedAttributesCount: 0,
  flags: 0,
  traceId: '',
  spanId: '',
  eventName: '',
};

describe('formatRecord', () => {
  it('prints time, severity, scope, body and key attributes on one line', () => {
    expect(formatRecord(base, { color: false })).toBe('03:04:05.678 WARN  shop.server disk almost full url.path=/upload user.id="u 1"');
  });

  it('indents a stack trace under the line', () => {
    const record = { ...base, attributes: { 'exception.stacktrace': 'Error: boom\n    at f (a.js:1:1)' } };
    expect(formatRecord(record, { color: false }).split('\n')).toEqual([
      '03:04:05.678 WARN  shop.server disk almost full',
      '    Error: boom',
      '    at f (a.js:1:1)',
    ]);
  });

  it('colours the severity by its range', () => {
    expect(formatRecord({ ...base, severityNumber: 17, severityText: 'ERROR' }, { color: true })).toContain('\x1b[31mERROR\x1b[0m');
  });

  it('shows structured bodies as JSON', () => {
    expect(formatRecord({ ...base, body: { id: 7n, ok: true }, attributes: {} }, { color: false })).toBe('03:04:05.678 WARN  shop.server {"id":"7","ok":true}');
  });

  it('escapes control characters so a record cannot drive the terminal', () => {
    const record = { ...base, scope: { ...base.scope, name: 'a\x1b]0;pwned\x07' }, body: 'clear\x1b[2J\u009b31m', attributes: { 'user.id': '\x1b[31mroot' } };
    const line = formatRecord(record, { color: false });
    expect(line).toBe('03:04:05.678 WARN  a\\u001b]0;pwned\\u0007 "clear\\u001b[2J\\u009b31m" user.id="\\u001b[31mroot"');
    expect(line).not.toMatch(/\p{Cc}/u);
  });
});
