import type { AnyValue } from '@logweave/core';
import type { ParseContext } from '../options.ts';
import { newParsedLine, type ParsedLine } from '../internal/parsed-line.ts';
import { severityShortName, syslogSeverity } from '../internal/severity.ts';
import { parseBsdTime, parseIsoTime, readDigits, readMonth } from '../internal/timestamp.ts';
import { structuredDataInto } from './syslog-structured-data.ts';

const SPACE = 32;
const NIL = '-';

/**
 * Syslog, by shape:
 * - RFC 5424: `<165>1 2003-10-11T22:14:15.003Z host app 1234 ID47 [sd@1 k="v"] message` (Heroku's
 *   drains, which leave the structured data out, too);
 * - RFC 3164 as sent: `<34>Oct 11 22:14:15 host su[230]: message`;
 * - RFC 3164 as rsyslog and journald write files: `Oct 11 22:14:15 host su[230]: message`, or
 *   with an RFC 3339 time (`2024-05-01T10:00:00.123+02:00 host sshd[1]: …`). Without `<PRI>`
 *   the `tag:` is required, so that plain "time level text" lines are not taken for syslog.
 */
export function syslogLine(line: string, context: ParseContext): ParsedLine | undefined {
  if (line.charCodeAt(0) !== 60) return bsdLine(line, 0, -1, context); // '<'
  const close = line.indexOf('>', 1);
  if (close < 2 || close > 4) return undefined;
  const pri = readDigits(line, 1, close - 1);
  if (pri < 0 || pri > 191) return undefined;
  const versionEnd = line.indexOf(' ', close + 1);
  const version = versionEnd > close + 1 && versionEnd <= close + 3 ? readDigits(line, close + 1, versionEnd - close - 1) : -1;
  return version > 0 ? rfc5424Line(line, versionEnd + 1, pri, context) : bsdLine(line, close + 1, pri, context);
}

function withPriority(parsed: ParsedLine, pri: number): void {
  if (pri < 0) return;
  parsed.severityNumber = syslogSeverity(pri & 7);
  parsed.severityText = severityShortName(parsed.severityNumber);
  parsed.attributes['syslog.facility'] = pri >> 3;
}

function rfc5424Line(line: string, start: number, pri: number, context: ParseContext): ParsedLine | undefined {
  const fields: string[] = [];
  let i = start;
  for (let f = 0; f < 5; f++) {
    const end = line.indexOf(' ', i);
    if (end <= i) return undefined;
    fields.push(line.slice(i, end));
    i = end + 1;
  }
  const [time, host, app, procid, msgid] = fields as [string, string, string, string, string];
  const parsed = newParsedLine('syslog');
  if (time !== NIL) {
    parsed.timestamp = parseIsoTime(time, 0, time.length, context.utc);
    if (parsed.timestamp === undefined) return undefined;
  }
  withPriority(parsed, pri);
  const attributes = parsed.attributes;
  if (host !== NIL) attributes['host.name'] = host;
  if (app !== NIL) attributes['process.executable.name'] = app;
  if (procid !== NIL) setProcessId(attributes, procid);
  if (msgid !== NIL) attributes['syslog.msgid'] = msgid;
  const sd = line.charCodeAt(i);
  let messageStart: number;
  if (sd === 45 && (i + 1 === line.length || line.charCodeAt(i + 1) === SPACE)) messageStart = i + 1; // '-'
  else if (sd === 91) messageStart = structuredDataInto(line, i, attributes); // '['
  else return withBody(parsed, line.slice(i)); // Heroku's log drains leave STRUCTURED-DATA out.
  if (messageStart < 0) return undefined;
  if (messageStart === line.length) return withBody(parsed, '');
  return line.charCodeAt(messageStart) === SPACE ? withBody(parsed, withoutBom(line.slice(messageStart + 1))) : undefined;
}

function withBody(parsed: ParsedLine, body: string): ParsedLine {
  parsed.body = body;
  return parsed;
}

function bsdLine(line: string, start: number, pri: number, context: ParseContext): ParsedLine | undefined {
  const timeEnd = bsdTimeEnd(line, start);
  if (timeEnd < 0) return undefined;
  const parsed = newParsedLine('syslog');
  parsed.timestamp = readMonth(line, start) > 0
    ? parseBsdTime(line, start, timeEnd, context.utc)
    : parseIsoTime(line, start, timeEnd, context.utc);
  if (parsed.timestamp === undefined) return undefined;
  withPriority(parsed, pri);
  let i = timeEnd + 1;
  const hostEnd = line.indexOf(' ', i);
  // A host is one word; "tag:" or "tag[pid]:" right after the time means the sender left it out.
  const hostIsTag = hostEnd < 0 || line.charCodeAt(hostEnd - 1) === 58 || line.charCodeAt(hostEnd - 1) === 93;
  if (!hostIsTag && hostEnd > i) {
    parsed.attributes['host.name'] = line.slice(i, hostEnd);
    i = hostEnd + 1;
  }
  const messageStart = tagInto(line, i, parsed.attributes);
  if (messageStart < 0 && pri < 0) return undefined;
  parsed.body = line.slice(messageStart < 0 ? i : messageStart);
  return parsed;
}

/** End of the timestamp at `start`: `Mmm dd hh:mm:ss[.frac]` or an RFC 3339 word; -1 when neither. */
function bsdTimeEnd(line: string, start: number): number {
  if (readMonth(line, start) > 0) {
    const end = line.indexOf(' ', start + 15);
    return end < 0 ? -1 : end;
  }
  if (readDigits(line, start, 4) < 0 || line.charCodeAt(start + 4) !== 45) return -1;
  return line.indexOf(' ', start + 19);
}

/**
 * Reads `tag:` or `tag[pid]:` (followed by a space or the end) at `start` into attributes; the
 * index of the message after it, or -1 when there is no tag.
 */
function tagInto(line: string, start: number, attributes: Record<string, AnyValue>): number {
  let i = start;
  while (i < line.length && i - start < 64) {
    const c = line.charCodeAt(i);
    if (c <= SPACE || c === 58 || c === 91 || c === 93) break; // ':' '[' ']'
    i++;
  }
  if (i === start) return -1;
  const tag = line.slice(start, i);
  let pid: string | undefined;
  if (line.charCodeAt(i) === 91) {
    const close = line.indexOf(']', i + 1);
    if (close < 0 || close - i > 33 || line.lastIndexOf(' ', close) > i) return -1;
    pid = line.slice(i + 1, close);
    i = close + 1;
  }
  if (line.charCodeAt(i) !== 58) return -1;
  i++;
  if (i < line.length && line.charCodeAt(i) !== SPACE) return -1;
  attributes['process.executable.name'] = tag;
  if (pid !== undefined && pid !== '') setProcessId(attributes, pid);
  return i < line.length ? i + 1 : i;
}

/** A numeric PROCID is `process.pid`; anything else (a thread name, a uuid) is `syslog.procid`. */
function setProcessId(attributes: Record<string, AnyValue>, procid: string): void {
  if (procid.length <= 10 && readDigits(procid, 0, procid.length) >= 0) attributes['process.pid'] = Number(procid);
  else attributes['syslog.procid'] = procid;
}

function withoutBom(message: string): string {
  return message.charCodeAt(0) === 0xfeff ? message.slice(1) : message;
}
