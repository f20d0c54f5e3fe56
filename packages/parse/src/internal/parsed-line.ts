import type { AnyValue, HrTime } from '@logweave/core';

/** What a parser read from one line, ready to be written to a record. */
export interface ParsedLine {
  /** The format that read the line: 'json', 'logfmt', 'kv', 'syslog', 'clf', or a regex format's name. */
  readonly format: string;
  /** The message, for the record's body; undefined when the line has none and the body stays the line. */
  body: AnyValue;
  /** When the event happened, for the record's timestamp (its observed time is left alone). */
  timestamp: HrTime | undefined;
  /** 1..24; 0 when the line names no level. */
  severityNumber: number;
  severityText: string | undefined;
  /** Every other field, under semantic-convention names where one exists. No prototype. */
  attributes: Record<string, AnyValue>;
}

/** Reads one line; undefined when the line is not in the parser's format. Never throws. */
export type LineParser = (line: string) => ParsedLine | undefined;

export function newParsedLine(format: string): ParsedLine {
  return {
    format,
    body: undefined,
    timestamp: undefined,
    severityNumber: 0,
    severityText: undefined,
    attributes: Object.create(null) as Record<string, AnyValue>,
  };
}
