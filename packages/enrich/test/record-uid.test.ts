import { describe, expect, it } from 'vitest';
import { enrich } from '../src/index.ts';
import { sdkLines, setUp } from './sdk-lines.ts';

/** RFC 9562: version 7 in the 13th hex digit, variant 10 in the top bits of the 17th. */
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.each(sdkLines)('enrich recordUid on sdk-logs $line', (line) => {
  it('gives each record a distinct, time-ordered log.record.uid and keeps one already set', () => {
    const { logger, records } = setUp(line, [enrich({ recordUid: true })]);
    for (let i = 0; i < 50; i++) logger.emit({ body: `event ${i}` });
    logger.emit({ body: 'replayed', attributes: { 'log.record.uid': 'from-source' } });
    const uids = records.slice(0, 50).map((r) => String(r.attributes['log.record.uid']));
    expect(uids.every((id) => UUID_V7.test(id))).toBe(true);
    expect([...uids].sort()).toEqual(uids);
    expect(new Set(uids).size).toBe(50);
    expect(records[50]!.attributes['log.record.uid']).toBe('from-source');
  });

  it('adds no log.record.uid by default', () => {
    const { logger, records } = setUp(line, [enrich()]);
    logger.emit({ body: 'x' });
    expect(records[0]!.attributes).toEqual({});
  });
});
