import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseBody, parseSyslog } from '../src/index.ts';
import { sdkLines } from '@logweave/sdk-lines';
import { fixtureLines, isoTime, throughStage } from './helpers.ts';

// RFC 3164 times carry no year: the tests pin "now" so that the year they infer is known.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-26T12:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe.each(sdkLines)('parseBody on syslog, sdk-logs $line', (line) => {
  it('reads the files rsyslog and journald write on a Linux host: host, program, pid, message, time', () => {
    const stage = parseBody({ formats: ['syslog'], timezone: 'UTC' });
    const records = throughStage(line, stage, fixtureLines('syslog-linux.log'));

    expect(stage.stats()).toMatchObject({ parsed: { syslog: 14 }, unparsed: 0 });
    expect(records[0]!.body).toBe('(root) CMD (test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; })');
    expect(records[0]!.attributes).toEqual({ 'host.name': 'web-1', 'process.executable.name': 'CRON', 'process.pid': 48213 });
    expect(isoTime(records[0]!.hrTime)).toBe('2026-11-20T06:25:01.000000000Z');
    expect(records[0]!.severityNumber).toBeUndefined();
    expect(records[3]!.attributes).toEqual({ 'host.name': 'web-1', 'process.executable.name': 'kernel' });
    expect(records[3]!.body).toMatch(/^\[1234567\.891011\] \[UFW BLOCK\] IN=eth0/);
    expect(isoTime(records[6]!.hrTime)).toBe('2026-11-03T14:02:17.000000000Z');
    expect(records[6]!.attributes['process.executable.name']).toBe('postfix/smtpd');
    expect(records[7]!.body).toBe('  deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx');
    expect(records.slice(9, 13).map((r) => isoTime(r.hrTime))).toEqual([
      '2026-11-20T05:25:03.512874000Z', '2026-11-20T05:25:03.601112000Z', '2026-11-20T05:30:00.002341000Z', '2026-11-20T05:31:17.000000000Z',
    ]);
    expect(records[12]!.attributes).toEqual({ 'host.name': 'web-2', 'process.executable.name': 'systemd-logind', 'process.pid': 689 });
    expect(isoTime(records[13]!.hrTime)).toBe('2026-11-20T06:32:10.123456000Z');
    expect(records[13]!.attributes['process.executable.name']).toBe('org.gnome.Shell.desktop');
  });

  it('reads RFC 3164 with a priority: facility, and severity through the syslog table', () => {
    const records = throughStage(line, parseBody({ timezone: 'UTC' }), fixtureLines('syslog-forwarded.log'));

    expect(records.map((r) => [r.attributes['syslog.facility'], r.severityNumber, r.severityText])).toEqual([
      [3, 9, 'INFO'], [10, 9, 'INFO'], [4, 9, 'INFO'], [0, 17, 'ERROR'], [9, 9, 'INFO'], [4, 18, 'ERROR2'],
    ]);
    expect(records[5]!.body).toBe("'su root' failed for lonvick on /dev/pts/8");
    expect(records[5]!.attributes).toEqual({ 'syslog.facility': 4, 'host.name': 'mymachine', 'process.executable.name': 'su' });
    expect(isoTime(records[5]!.hrTime)).toBe('2026-10-11T22:14:15.000000000Z');
  });

  it('reads RFC 5424 with structured data, nil values and escapes', () => {
    const stage = parseBody();
    const records = throughStage(line, stage, fixtureLines('syslog-rfc5424.log'));

    expect(stage.stats().parsed).toEqual({ syslog: 6 });
    expect(records[0]!.body).toBe('An application event log entry...');
    expect(records[0]!.attributes).toEqual({
      'syslog.facility': 20,
      'host.name': 'mymachine.example.com',
      'process.executable.name': 'evntslog',
      'syslog.msgid': 'ID47',
      'syslog.structured_data.exampleSDID@32473.iut': '3',
      'syslog.structured_data.exampleSDID@32473.eventSource': 'Application',
      'syslog.structured_data.exampleSDID@32473.eventID': '1011',
    });
    expect([records[0]!.severityNumber, records[0]!.severityText]).toEqual([10, 'INFO2']);
    expect(isoTime(records[0]!.hrTime)).toBe('2026-11-20T06:25:03.003000000Z');
    expect(records[1]!.attributes).toMatchObject({
      'process.pid': 1122,
      'syslog.structured_data.meta.sequenceId': '29',
      'syslog.structured_data.origin.software': 'nginx',
    });
    expect(isoTime(records[1]!.hrTime)).toBe('2026-11-20T05:25:04.512000000Z');
    expect([records[2]!.severityNumber, records[2]!.body]).toEqual([17, 'FATAL:  password authentication failed for user "app"']);
    expect(isoTime(records[2]!.hrTime)).toBe('2026-11-20T06:26:00.000001000Z');
    expect(records[3]!.attributes['syslog.procid']).toBe('web.1');
    expect(records[4]!.attributes['syslog.structured_data.quote.text']).toBe('say "hi" \\ and ] done');
    expect(records[5]!.attributes).toEqual({ 'syslog.facility': 1 });
    expect(records[5]!.body).toBe('');
  });

  it('reads times without an offset in the local time zone by default', () => {
    const [record] = throughStage(line, parseBody(), ['Nov 20 06:25:01 web-1 CRON[1]: tick']);
    expect(record!.hrTime).toEqual([new Date(2026, 10, 20, 6, 25, 1).getTime() / 1000, 0]);
  });
});

describe('parseSyslog', () => {
  it('puts a December line read in January in the previous year', () => {
    vi.setSystemTime(new Date('2027-01-02T00:00:00Z'));
    expect(isoTime(parseSyslog('Dec 31 23:59:58 h app: bye', { timezone: 'UTC' })?.timestamp)).toBe('2026-12-31T23:59:58.000000000Z');
    expect(isoTime(parseSyslog('Jan  1 00:00:01 h app: hi', { timezone: 'UTC' })?.timestamp)).toBe('2027-01-01T00:00:01.000000000Z');
  });

  it.each([
    ['<192>1 2026-11-20T06:25:03Z h a - - - priority above 191'],
    ['<13>1 2026-13-20T06:25:03Z h a - - - month 13'],
    ['<13>1 2026-11-20T06:25:03Z h a - - [unclosed a="b"'],
    ['<13>1 2026-11-20T06:25:03Z h a - - [id a=b] unquoted parameter'],
    ['Nov 20 06:25:01 web-1 no tag before the message'],
    ['Nov 31 06:25:01 web-1 app: no such day'],
    ['2026-11-20 06:25:01 INFO plain application line'],
  ])('reads no syslog in %j', (text) => {
    expect(parseSyslog(text)).toBeUndefined();
  });
});
