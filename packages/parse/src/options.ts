import type { SeverityTable } from '@logweave/severity';
import { hasNestedQuantifier } from './internal/regex-safety.ts';

/** The built-in formats. `syslog` reads RFC 5424 and RFC 3164; `clf` reads common and combined access logs. */
export type FormatName = 'json' | 'logfmt' | 'kv' | 'syslog' | 'clf';

/** A format of your own: a regular expression with named groups. */
export interface RegexFormat {
  /**
   * Named groups `time` / `timestamp`, `level` / `severity` and `msg` / `message` go to the
   * record's timestamp, severity and body; every other group becomes an attribute. Refused at
   * set-up when a quantified group holds a quantifier (`(a+)+`), the shape that backtracks
   * exponentially.
   */
  regex: RegExp;
  /**
   * Counts the lines it parsed under this name in `stats().parsed`.
   * @default 'regex' ('regex#2' for a second one)
   */
  name?: string;
  /**
   * Attribute keys for groups, since group names cannot hold dots.
   * @default {}
   * @example { method: 'http.request.method', path: 'url.path' }
   */
  attributes?: Readonly<Record<string, string>>;
}

/** A format to try: a built-in, 'auto' (cheap detection among json, syslog, clf, logfmt) or a regex. */
export type ParseFormat = 'auto' | FormatName | RegexFormat;

/** Options of the single-format parsers (`parseJson`, `parseSyslog`, …). */
export interface ParserOptions {
  /**
   * Reads level words and numbers of JSON, logfmt, key=value and regex lines. Syslog priorities
   * and HTTP status codes always use the severity package's syslog and http tables.
   * @default the default table of `lookupSeverity` (@logweave/severity)
   */
  severityTable?: SeverityTable;
  /**
   * How times written without an offset are read (RFC 3164, `2024-05-01 10:00:00`): in the local
   * time zone of this process, or as UTC.
   * @default 'local'
   */
  timezone?: 'local' | 'UTC';
}

export interface LineParserOptions extends ParserOptions {
  /**
   * Formats tried in order; the first that reads the line wins. 'auto' picks by the line's
   * first characters (`{` JSON, `<` or a month or date syslog, `host - - [` access log, `key=`
   * logfmt) and tries only that one.
   * @default 'auto'
   * @example ['auto', { regex: /^(?<level>\w+) (?<msg>.*)$/ }]
   */
  formats?: 'auto' | readonly ParseFormat[];
}

export interface ParseBodyOptions extends LineParserOptions {
  /**
   * Bodies longer than this many characters are left as they are and counted as `tooLong`.
   * @default 65536
   */
  maxLineLength?: number;
  /**
   * When the body is replaced by the line's message, keep the line in `log.record.original`.
   * @default false
   */
  keepOriginal?: boolean;
  /** @default 'parseBody' */
  name?: string;
}

/** What the parsers read with: resolved once, shared by every line. */
export interface ParseContext {
  table: SeverityTable | undefined;
  utc: boolean;
}

export interface ResolvedRegexFormat {
  name: string;
  regex: RegExp;
  attributes: Readonly<Record<string, string>>;
}

export type ResolvedFormat = 'auto' | FormatName | ResolvedRegexFormat;

const FORMAT_NAMES: readonly string[] = ['auto', 'json', 'logfmt', 'kv', 'syslog', 'clf'];

export function resolveContext(options: ParserOptions, component: string): ParseContext {
  const table = options.severityTable;
  if (table !== undefined && (table === null || typeof table.lookup !== 'function')) {
    throw new TypeError(`${component}: severityTable must be a table from severityTable() of @logweave/severity`);
  }
  const timezone = options.timezone ?? 'local';
  if (timezone !== 'local' && timezone !== 'UTC') {
    throw new TypeError(`${component}: timezone must be 'local' or 'UTC'; got ${String(timezone)}`);
  }
  return { table, utc: timezone === 'UTC' };
}

export function resolveFormats(formats: LineParserOptions['formats'], component: string, option = 'formats'): ResolvedFormat[] {
  const list = formats ?? 'auto';
  if (list === 'auto') return ['auto'];
  if (!Array.isArray(list) || list.length === 0) {
    throw new TypeError(`${component}: ${option} must be 'auto' or a non-empty array of ${FORMAT_NAMES.join(', ')} or { regex }`);
  }
  const names = new Set<string>();
  return list.map((format: unknown, i) => {
    if (typeof format === 'string') {
      if (!FORMAT_NAMES.includes(format)) {
        throw new TypeError(`${component}: ${option}[${i}] must be one of ${FORMAT_NAMES.join(', ')} or { regex }; got '${format}'`);
      }
      return format as FormatName | 'auto';
    }
    return resolveRegexFormat(format, `${component}: ${option}[${i}]`, names);
  });
}

function resolveRegexFormat(format: unknown, where: string, names: Set<string>): ResolvedRegexFormat {
  const spec = format as Partial<RegexFormat> | null;
  if (spec === null || typeof spec !== 'object' || !(spec.regex instanceof RegExp)) {
    throw new TypeError(`${where} must be a format name or { regex: RegExp }`);
  }
  const { source, flags } = spec.regex;
  if (!/\(\?<[A-Za-z_$]/.test(source)) throw new TypeError(`${where}.regex must have named groups, e.g. (?<msg>.*)`);
  if (hasNestedQuantifier(source)) {
    throw new TypeError(`${where}.regex has a quantified group holding a quantifier, which can take exponential time: /${source}/`);
  }
  let name = spec.name ?? 'regex';
  if (typeof name !== 'string' || name === '') throw new TypeError(`${where}.name must be a non-empty string`);
  if (spec.name === undefined) for (let n = 2; names.has(name); n++) name = `regex#${n}`;
  if (names.has(name) || FORMAT_NAMES.includes(name)) throw new TypeError(`${where}.name '${name}' is already a format name`);
  names.add(name);
  const attributes = spec.attributes ?? {};
  if (attributes === null || typeof attributes !== 'object' ||
    !Object.values(attributes).every((key) => typeof key === 'string' && key !== '')) {
    throw new TypeError(`${where}.attributes must map group names to non-empty attribute keys`);
  }
  // A global or sticky regex remembers lastIndex between lines; a parser must not.
  return { name, regex: new RegExp(source, flags.replace(/[gy]/g, '')), attributes };
}

export interface ResolvedParseBodyOptions {
  name: string;
  maxLineLength: number;
  keepOriginal: boolean;
}

export function resolveParseBodyOptions(options: ParseBodyOptions, component = 'parseBody'): ResolvedParseBodyOptions {
  const maxLineLength = options.maxLineLength ?? 65_536;
  if (!Number.isInteger(maxLineLength) || maxLineLength <= 0) {
    throw new TypeError(`${component}: maxLineLength must be a positive integer; got ${String(maxLineLength)}`);
  }
  const keepOriginal = options.keepOriginal ?? false;
  if (typeof keepOriginal !== 'boolean') throw new TypeError(`${component}: keepOriginal must be a boolean`);
  const name = options.name ?? 'parseBody';
  if (typeof name !== 'string' || name === '') throw new TypeError(`${component}: name must be a non-empty string`);
  return { name, maxLineLength, keepOriginal };
}

export function checkOptionsObject(options: unknown, component: string): void {
  if (options === null || typeof options !== 'object') throw new TypeError(`${component}: options must be an object`);
}
