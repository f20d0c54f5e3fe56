import { isAccessLogShape, isSyslogShape } from './internal/detect.ts';
import type { LineParser, ParsedLine } from './internal/parsed-line.ts';
import {
  checkOptionsObject,
  resolveContext,
  resolveFormats,
  type LineParserOptions,
  type ParseContext,
  type ParserOptions,
  type ResolvedFormat,
} from './options.ts';
import { accessLogLine } from './parsers/access-log.ts';
import { jsonLine } from './parsers/json.ts';
import { keyValueLine, logfmtLine } from './parsers/logfmt.ts';
import { regexLine } from './parsers/regex.ts';
import { syslogLine } from './parsers/syslog.ts';

/**
 * A parser for the formats given, tried in order; the first that reads a line wins. Set-up
 * validates the options and throws a TypeError naming `lineParser` and the option.
 */
export function lineParser(options: LineParserOptions = {}): LineParser {
  checkOptionsObject(options, 'lineParser');
  return compileLineParser(options, 'lineParser');
}

export function compileLineParser(options: LineParserOptions, component: string): LineParser {
  const context = resolveContext(options, component);
  const formats = resolveFormats(options.formats, component);
  if (formats.length === 1) return singleFormat(formats[0]!, context);
  return (line) => {
    for (let i = 0; i < formats.length; i++) {
      const parsed = parseWith(formats[i]!, line, context);
      if (parsed !== undefined) return parsed;
    }
    return undefined;
  };
}

function singleFormat(format: ResolvedFormat, context: ParseContext): LineParser {
  return (line) => parseWith(format, line, context);
}

function parseWith(format: ResolvedFormat, line: string, context: ParseContext): ParsedLine | undefined {
  switch (format) {
    case 'auto': return autoLine(line, context);
    case 'json': return jsonLine(line, context);
    case 'logfmt': return logfmtLine(line, context);
    case 'kv': return keyValueLine(line, context);
    case 'syslog': return syslogLine(line, context);
    case 'clf': return accessLogLine(line, context);
    default: return regexLine(line, format, context);
  }
}

/**
 * One parser per line, chosen by its first characters: `{` JSON; `<`, a month name or an RFC
 * 3339 date syslog; `host ident user [` an access log; `key=` logfmt. No line is tried against
 * every format.
 */
function autoLine(line: string, context: ParseContext): ParsedLine | undefined {
  let start = 0;
  while (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9) start++;
  if (line.charCodeAt(start) === 123) return jsonLine(line, context);
  if (isSyslogShape(line)) return syslogLine(line, context);
  if (isAccessLogShape(line)) return accessLogLine(line, context);
  return logfmtLine(line, context);
}

const DEFAULT_CONTEXT: ParseContext = { table: undefined, utc: false };

function contextOf(options: ParserOptions | undefined, component: string): ParseContext {
  if (options === undefined) return DEFAULT_CONTEXT;
  checkOptionsObject(options, component);
  return resolveContext(options, component);
}

/** One JSON object per line (pino, bunyan, winston, zap, ECS…); undefined when the line is none. */
export function parseJson(line: string, options?: ParserOptions): ParsedLine | undefined {
  return typeof line === 'string' ? jsonLine(line, contextOf(options, 'parseJson')) : undefined;
}

/** A logfmt line: `key=value` pairs only. */
export function parseLogfmt(line: string, options?: ParserOptions): ParsedLine | undefined {
  return typeof line === 'string' ? logfmtLine(line, contextOf(options, 'parseLogfmt')) : undefined;
}

/** `key=value` pairs anywhere in free text; the body stays the line. */
export function parseKeyValue(line: string, options?: ParserOptions): ParsedLine | undefined {
  return typeof line === 'string' ? keyValueLine(line, contextOf(options, 'parseKeyValue')) : undefined;
}

/** Syslog RFC 5424, RFC 3164, and the file format rsyslog and journald write. */
export function parseSyslog(line: string, options?: ParserOptions): ParsedLine | undefined {
  return typeof line === 'string' ? syslogLine(line, contextOf(options, 'parseSyslog')) : undefined;
}

/** An Apache / nginx access log line, common or combined. */
export function parseAccessLog(line: string): ParsedLine | undefined {
  return typeof line === 'string' ? accessLogLine(line) : undefined;
}
