import { describe, expect, it } from 'vitest';
import { parseAccessLog, parseBody } from '../src/index.ts';
import { sdkLines } from '@logweave/sdk-lines';
import { fixtureLines, isoTime, throughStage } from './helpers.ts';

describe.each(sdkLines)('parseBody on access logs, sdk-logs $line', (line) => {
  it('reads nginx combined lines into HTTP semantic-convention attributes, severity from the status', () => {
    const lines = fixtureLines('nginx-access.log');
    const stage = parseBody();
    const records = throughStage(line, stage, lines);

    expect(stage.stats().parsed).toEqual({ clf: 10 });
    expect(records[1]!.body).toBe(lines[1]);
    expect(records[1]!.attributes).toEqual({
      'client.address': '198.51.100.23',
      'http.request.method': 'GET',
      'url.path': '/api/products',
      'url.query': 'page=2&sort=price',
      'network.protocol.name': 'http',
      'network.protocol.version': '2',
      'http.response.status_code': 200,
      'http.response.body.size': 4821,
      'http.request.header.referer': ['https://shop.example.com/catalog'],
      'user_agent.original':
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    });
    expect(isoTime(records[1]!.hrTime)).toBe('2026-11-20T05:25:04.000000000Z');
    expect(records.map((r) => r.severityText)).toEqual(['INFO', 'INFO', 'INFO', 'WARN', 'INFO', 'WARN', 'WARN', 'ERROR', 'WARN', 'INFO']);
    expect(records[0]!.attributes['http.request.header.referer']).toBeUndefined();
    expect(records[7]!.attributes).toMatchObject({ 'user.name': 'alice', 'http.request.method': 'PUT', 'http.response.status_code': 502 });
    expect(records[8]!.attributes).toMatchObject({
      'client.address': '2001:db8::1',
      'http.request.method': '_OTHER',
      'http.request.method_original': 'PROPFIND',
    });
    expect(records[9]!.attributes).toMatchObject({ 'url.query': 'q=%22red+shoes%22', 'user_agent.original': 'Mozilla/5.0 "quoted" agent' });
  });

  it('keeps what it can of a request line that is no HTTP request (a TLS handshake sent to port 80)', () => {
    const [record] = throughStage(line, parseBody(), [fixtureLines('nginx-access.log')[5]!]);
    expect(record!.attributes).toEqual({ 'client.address': '198.51.100.77', 'http.response.status_code': 400, 'http.response.body.size': 157 });
    expect(record!.severityNumber).toBe(13);
  });

  it('reads Apache common lines, "-" sizes and escaped quotes', () => {
    const records = throughStage(line, parseBody({ formats: ['clf'] }), fixtureLines('apache-common.log'));

    expect(records[0]!.attributes).toEqual({
      'client.address': '127.0.0.1',
      'user.name': 'frank',
      'http.request.method': 'GET',
      'url.path': '/apache_pb.gif',
      'network.protocol.name': 'http',
      'network.protocol.version': '1.0',
      'http.response.status_code': 200,
      'http.response.body.size': 2326,
    });
    expect(isoTime(records[0]!.hrTime)).toBe('2000-10-10T20:55:36.000000000Z');
    expect(records[1]!.attributes['http.response.body.size']).toBeUndefined();
    expect(records[2]!.severityNumber).toBe(17);
    expect(records[3]!.attributes['url.path']).toBe('/docs/a"b.html');
  });
});

describe('parseAccessLog', () => {
  it.each([
    ['127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 99 1'],
    ['127.0.0.1 - - [10/Oct/2000:13:55:36] "GET / HTTP/1.0" 200 1'],
    ['127.0.0.1 - - [32/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1'],
    ['127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0 200 1'],
    ['127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 12k'],
    ['127.0.0.1 -  [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1'],
  ])('reads no access log line in %j', (text) => {
    expect(parseAccessLog(text)).toBeUndefined();
  });
});
