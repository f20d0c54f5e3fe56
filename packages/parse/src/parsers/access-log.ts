import type { AnyValue } from '@logweave/core';
import type { ParseContext } from '../options.ts';
import { newParsedLine, type ParsedLine } from '../internal/parsed-line.ts';
import { httpSeverity, severityShortName } from '../internal/severity.ts';
import { parseClfTime, readDigits } from '../internal/timestamp.ts';
import { closingQuote } from '../internal/closing-quote.ts';

const SPACE = 32;
const QUOTE = 34;
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'QUERY']);

/**
 * Apache / nginx access logs, common (`%h %l %u %t "%r" %>s %b`) and combined (plus
 * `"%{Referer}i" "%{User-agent}i"`); anything after those fields (nginx's extra quoted fields,
 * timings) is accepted. The body stays the line; the fields become semantic-convention
 * attributes, and the status sets the severity (5xx ERROR, 4xx WARN, else INFO).
 */
export function accessLogLine(line: string, _context?: ParseContext): ParsedLine | undefined {
  const clientEnd = line.indexOf(' ');
  const identEnd = clientEnd > 0 ? line.indexOf(' ', clientEnd + 1) : -1;
  const userEnd = identEnd > 0 ? line.indexOf(' [', identEnd + 1) : -1;
  if (userEnd <= identEnd || line.charCodeAt(identEnd + 1) === SPACE) return undefined;
  const timeEnd = line.indexOf(']', userEnd + 2);
  if (timeEnd < 0) return undefined;
  const timestamp = parseClfTime(line, userEnd + 2, timeEnd);
  if (timestamp === undefined || line.charCodeAt(timeEnd + 1) !== SPACE || line.charCodeAt(timeEnd + 2) !== QUOTE) return undefined;
  const requestEnd = closingQuote(line, timeEnd + 3);
  if (requestEnd < 0 || line.charCodeAt(requestEnd + 1) !== SPACE) return undefined;
  const status = readDigits(line, requestEnd + 2, 3);
  if (status < 100 || line.charCodeAt(requestEnd + 5) !== SPACE) return undefined;
  const bytesEnd = fieldEnd(line, requestEnd + 6);
  const bytes = line.slice(requestEnd + 6, bytesEnd);
  if (bytes !== '-' && (bytes === '' || bytes.length > 15 || readDigits(bytes, 0, bytes.length) < 0)) return undefined;

  const parsed = newParsedLine('clf');
  parsed.timestamp = timestamp;
  parsed.severityNumber = httpSeverity(status);
  parsed.severityText = severityShortName(parsed.severityNumber);
  const attributes = parsed.attributes;
  attributes['client.address'] = line.slice(0, clientEnd);
  const user = line.slice(identEnd + 1, userEnd);
  if (user !== '-' && user !== '') attributes['user.name'] = user;
  requestInto(unquote(line, timeEnd + 3, requestEnd), attributes);
  attributes['http.response.status_code'] = status;
  if (bytes !== '-') attributes['http.response.body.size'] = Number(bytes);
  combinedFieldsInto(line, bytesEnd, attributes);
  return parsed;
}

/** `"%{Referer}i" "%{User-agent}i"` after the size, when present. */
function combinedFieldsInto(line: string, start: number, attributes: Record<string, AnyValue>): void {
  if (line.charCodeAt(start) !== SPACE || line.charCodeAt(start + 1) !== QUOTE) return;
  const refererEnd = closingQuote(line, start + 2);
  if (refererEnd < 0 || line.charCodeAt(refererEnd + 1) !== SPACE || line.charCodeAt(refererEnd + 2) !== QUOTE) return;
  const agentEnd = closingQuote(line, refererEnd + 3);
  if (agentEnd < 0) return;
  const referer = unquote(line, start + 2, refererEnd);
  const agent = unquote(line, refererEnd + 3, agentEnd);
  if (referer !== '-' && referer !== '') attributes['http.request.header.referer'] = [referer];
  if (agent !== '-' && agent !== '') attributes['user_agent.original'] = agent;
}

/** `GET /cart?id=1 HTTP/1.1` → method, `url.path`, `url.query`, protocol; a request line it cannot read adds nothing. */
function requestInto(request: string, attributes: Record<string, AnyValue>): void {
  const methodEnd = request.indexOf(' ');
  if (methodEnd <= 0) return;
  const targetEnd = request.indexOf(' ', methodEnd + 1);
  const target = request.slice(methodEnd + 1, targetEnd < 0 ? request.length : targetEnd);
  const protocol = targetEnd < 0 ? '' : request.slice(targetEnd + 1);
  if (target === '' || (protocol !== '' && !protocol.startsWith('HTTP/'))) return;
  const method = request.slice(0, methodEnd);
  if (KNOWN_METHODS.has(method)) {
    attributes['http.request.method'] = method;
  } else {
    attributes['http.request.method'] = '_OTHER';
    attributes['http.request.method_original'] = method;
  }
  if (target.charCodeAt(0) === 47) { // '/'
    const question = target.indexOf('?');
    attributes['url.path'] = question < 0 ? target : target.slice(0, question);
    if (question >= 0 && question < target.length - 1) attributes['url.query'] = target.slice(question + 1);
  } else if (target.startsWith('http://') || target.startsWith('https://')) {
    attributes['url.full'] = target;
  }
  if (protocol !== '') {
    attributes['network.protocol.name'] = 'http';
    const version = protocol.slice(5);
    attributes['network.protocol.version'] = version === '2.0' || version === '3.0' ? version.charAt(0) : version;
  }
}

function fieldEnd(line: string, start: number): number {
  const end = line.indexOf(' ', start);
  return end < 0 ? line.length : end;
}

/** A quoted field's text: Apache's `\"` and `\\`, nginx's `\xHH` decoded. */
function unquote(line: string, start: number, end: number): string {
  const slash = line.indexOf('\\', start);
  if (slash < 0 || slash >= end) return line.slice(start, end);
  let out = line.slice(start, slash);
  for (let i = slash; i < end; i++) {
    const c = line[i]!;
    if (c !== '\\' || i + 1 >= end) {
      out += c;
    } else if (line[i + 1] === 'x' && i + 3 < end && isHex(line.charCodeAt(i + 2)) && isHex(line.charCodeAt(i + 3))) {
      out += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      out += line[++i];
    }
  }
  return out;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
