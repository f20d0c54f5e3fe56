import type { LogRecordLike, Stage } from '@logweave/core';
import { compileLineParser } from './line-parser.ts';
import type { LineParser, ParsedLine } from './internal/parsed-line.ts';
import { setRecordTime } from './internal/record-time.ts';
import { checkOptionsObject, resolveParseBodyOptions, type ParseBodyOptions } from './options.ts';

export interface ParseBodyStats {
  /** Lines read, by the format that read them. */
  parsed: Record<string, number>;
  /** String bodies no format read: left as they were. */
  unparsed: number;
  /** String bodies longer than `maxLineLength`: left as they were, not parsed. */
  tooLong: number;
  /** Bodies that are not strings (already structured, or none): left alone. */
  notString: number;
}

export interface ParseBodyStage extends Stage {
  stats(): ParseBodyStats;
}

/** The semantic-convention attribute for the line a body was parsed from. */
const ORIGINAL = 'log.record.original';

/**
 * A stage that parses string bodies (JSON, logfmt, key=value, syslog, access logs, your regexes)
 * and writes what it finds to the record: timestamp, severity, body and attributes. A body no
 * format reads stays as it was and is counted; the stage never drops a record.
 */
export function parseBody(options: ParseBodyOptions = {}): ParseBodyStage {
  checkOptionsObject(options, 'parseBody');
  return new ParseBody(options);
}

class ParseBody implements ParseBodyStage {
  readonly name: string;
  readonly #parse: LineParser;
  readonly #maxLineLength: number;
  readonly #keepOriginal: boolean;
  readonly #parsed = new Map<string, number>();
  #unparsed = 0;
  #tooLong = 0;
  #notString = 0;

  constructor(options: ParseBodyOptions) {
    const resolved = resolveParseBodyOptions(options);
    this.name = resolved.name;
    this.#maxLineLength = resolved.maxLineLength;
    this.#keepOriginal = resolved.keepOriginal;
    this.#parse = compileLineParser(options, 'parseBody');
  }

  process(record: LogRecordLike): void {
    const body = record.body;
    if (typeof body !== 'string') {
      this.#notString++;
      return;
    }
    if (body.length > this.#maxLineLength) {
      this.#tooLong++;
      return;
    }
    const parsed = this.#parse(withoutLineEnd(body));
    if (parsed === undefined) {
      this.#unparsed++;
      return;
    }
    this.#parsed.set(parsed.format, (this.#parsed.get(parsed.format) ?? 0) + 1);
    this.#apply(record, parsed, body);
  }

  stats(): ParseBodyStats {
    return {
      parsed: Object.fromEntries(this.#parsed),
      unparsed: this.#unparsed,
      tooLong: this.#tooLong,
      notString: this.#notString,
    };
  }

  /** Attributes the record already has win: they come from the application or the file source. */
  #apply(record: LogRecordLike, parsed: ParsedLine, line: string): void {
    if (parsed.timestamp !== undefined) setRecordTime(record, parsed.timestamp);
    if (parsed.severityNumber > 0) {
      record.setSeverityNumber(parsed.severityNumber);
      if (parsed.severityText !== undefined) record.setSeverityText(parsed.severityText);
    }
    const existing = record.attributes;
    const attributes = parsed.attributes;
    for (const key in attributes) {
      if (key !== '__proto__' && !Object.hasOwn(existing, key)) record.setAttribute(key, attributes[key]);
    }
    if (parsed.body !== undefined && parsed.body !== line) {
      record.setBody(parsed.body);
      if (this.#keepOriginal && !Object.hasOwn(existing, ORIGINAL)) record.setAttribute(ORIGINAL, line);
    }
  }
}

/** A body from a console or stream bridge may end with its newline: the parsers see the line without it. */
function withoutLineEnd(body: string): string {
  if (body.charCodeAt(body.length - 1) !== 10) return body;
  return body.slice(0, body.charCodeAt(body.length - 2) === 13 ? -2 : -1);
}
