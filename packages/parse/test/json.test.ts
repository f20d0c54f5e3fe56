import { describe, expect, it } from 'vitest';
import { parseBody } from '../src/index.ts';
import { sdkLines, setUp } from '@logweave/sdk-lines';
import { fixtureLines, isoTime, throughStage } from './helpers.ts';

describe.each(sdkLines)('parseBody on JSON lines, sdk-logs $line', (line) => {
  it('reads pino lines: msg, numeric level, epoch milliseconds, pid and hostname, nested objects flattened', () => {
    const stage = parseBody();
    const records = throughStage(line, stage, fixtureLines('pino.ndjson'));

    expect(records.map((r) => r.body)).toEqual(['server listening', 'request completed', 'database unavailable', 'cache miss rate above 50%', 'sql']);
    expect(records.map((r) => [r.severityNumber, r.severityText])).toEqual([[9, 'INFO'], [9, 'INFO'], [17, 'ERROR'], [13, 'WARN'], [5, 'DEBUG']]);
    expect(isoTime(records[0]!.hrTime)).toBe('2026-11-20T05:25:03.123000000Z');
    expect(records[0]!.attributes).toEqual({ port: 3000, 'process.pid': 4242, 'host.name': 'web-1' });
    expect(records[1]!.attributes).toEqual({
      'process.pid': 4242,
      'host.name': 'web-1',
      reqId: 'req-1',
      'req.method': 'GET',
      'req.url': '/api/cart',
      'req.headers.host': 'shop.example.com',
      'req.headers.user-agent': 'curl/8.5.0',
      'req.remoteAddress': '10.0.0.12',
      'req.remotePort': 52144,
      'res.statusCode': 200,
      responseTime: 12.7,
    });
    expect(records[2]!.attributes).toMatchObject({
      'exception.type': 'Error',
      'exception.message': 'connect ECONNREFUSED 10.0.0.7:5432',
      'exception.stacktrace': expect.stringContaining('at TCPConnectWrap.afterConnect'),
      'err.code': 'ECONNREFUSED',
      'err.errno': -111,
      'err.port': 5432,
    });
    expect(records[4]!.attributes).toEqual({ 'process.pid': 4242, 'host.name': 'web-1', query: 'SELECT 1', durationMs: 0.4, tags: ['db', 'read'] });
    expect(stage.stats()).toEqual({ parsed: { json: 5 }, unparsed: 0, tooLong: 0, notString: 0 });
  });

  it('reads winston lines: level words, ISO timestamps, a top-level stack as exception.stacktrace', () => {
    const records = throughStage(line, parseBody(), fixtureLines('winston.ndjson'));

    expect(records.map((r) => [r.severityNumber, r.severityText])).toEqual([[9, 'info'], [13, 'warn'], [17, 'error'], [7, 'http']]);
    expect(records.map((r) => isoTime(r.hrTime))).toEqual([
      '2026-11-20T06:25:03.512000000Z', '2026-11-20T06:25:04.001000000Z', '2026-11-20T06:25:05.120000000Z', '2026-11-20T06:25:06.000000000Z',
    ]);
    expect(records[1]!.body).toBe('Slow query detected');
    expect(records[1]!.attributes).toEqual({ durationMs: 1532, query: 'SELECT * FROM orders', service: 'user-service' });
    expect(records[2]!.attributes).toEqual({
      service: 'user-service',
      'exception.stacktrace': "TypeError: Cannot read properties of undefined (reading 'id')\n    at /app/src/routes/user.js:42:17",
    });
  });

  it('reads bunyan lines: ISO time, err as exception.*, name and v kept', () => {
    const records = throughStage(line, parseBody(), fixtureLines('bunyan.ndjson'));

    expect(records.map((r) => r.severityNumber)).toEqual([9, 13, 17, 21]);
    expect(records[0]!.attributes).toEqual({ name: 'myapp', 'host.name': 'api-7', 'process.pid': 31337, v: 0 });
    expect(records[2]!.attributes).toMatchObject({
      'exception.type': 'Error',
      'exception.message': "ENOENT: no such file or directory, open '/etc/myapp.conf'",
      'err.code': 'ENOENT',
    });
    expect(records[3]!.body).toBe('out of memory, exiting');
    expect(isoTime(records[3]!.hrTime)).toBe('2026-11-20T06:25:06.000000000Z');
  });

  it('keeps the observed time, and keeps the line as body when it has no message field', () => {
    const { logger, sink } = setUp(line, [parseBody()]);
    const observed = new Date('2026-11-26T08:00:00.000Z');
    const body = '{"event":"login","user":{"id":7,"roles":["admin"]},"ts":1795152303.5}';
    logger.emit({ body, observedTimestamp: observed });

    const record = sink.records[0]!;
    expect(record.body).toBe(body);
    expect(record.attributes).toEqual({ event: 'login', 'user.id': 7, 'user.roles': ['admin'] });
    expect(isoTime(record.hrTime)).toBe('2026-11-20T05:25:03.500000000Z');
    expect(isoTime(record.hrTimeObserved)).toBe('2026-11-26T08:00:00.000000000Z');
  });

  it('writes a "__proto__" field as a plain key without touching any prototype', () => {
    const { logger, sink } = setUp(line, [parseBody()]);
    logger.emit({ body: '{"msg":"x","__proto__":{"polluted":true},"constructor":"c"}' });

    const record = sink.records[0]!;
    expect(record.attributes).toEqual({ '__proto__.polluted': true, constructor: 'c' });
    expect(Object.getPrototypeOf(record.attributes)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
