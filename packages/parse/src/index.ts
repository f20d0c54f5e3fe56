export { parseBody, type ParseBodyStage, type ParseBodyStats } from './parse-body-stage.ts';
export { lineParser, parseAccessLog, parseJson, parseKeyValue, parseLogfmt, parseSyslog } from './line-parser.ts';
export type { LineParser, ParsedLine } from './internal/parsed-line.ts';
export type {
  FormatName,
  LineParserOptions,
  ParseBodyOptions,
  ParseFormat,
  ParserOptions,
  RegexFormat,
} from './options.ts';
export { shipFiles, type FileShipper } from './ship-files.ts';
export type { ShipStats } from './ship-stats.ts';
export type { ShipFilesOptions } from './ship-options.ts';
