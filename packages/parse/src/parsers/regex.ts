import type { ParseContext, ResolvedRegexFormat } from '../options.ts';
import { takeLevel } from '../internal/fields.ts';
import { newParsedLine, type ParsedLine } from '../internal/parsed-line.ts';
import { parseTimeValue } from '../internal/timestamp.ts';

const MESSAGE_GROUPS = new Set(['msg', 'message']);
const LEVEL_GROUPS = new Set(['level', 'severity']);
const TIME_GROUPS = new Set(['time', 'timestamp']);

/**
 * A line read by a regex with named groups: `time` / `timestamp`, `level` / `severity` and
 * `msg` / `message` go to the record's places when their text reads as such; every other group
 * that matched becomes a string attribute, under the name `format.attributes` gives it.
 */
export function regexLine(line: string, format: ResolvedRegexFormat, context: ParseContext): ParsedLine | undefined {
  const groups = format.regex.exec(line)?.groups;
  if (groups === undefined) return undefined;
  const parsed = newParsedLine(format.name);
  for (const group in groups) {
    const text = groups[group];
    if (text === undefined) continue;
    if (MESSAGE_GROUPS.has(group) && parsed.body === undefined) {
      parsed.body = text;
      continue;
    }
    if (LEVEL_GROUPS.has(group) && parsed.severityNumber === 0 && takeLevel(parsed, text, context)) continue;
    if (TIME_GROUPS.has(group) && parsed.timestamp === undefined) {
      parsed.timestamp = parseTimeValue(text, context.utc);
      if (parsed.timestamp !== undefined) continue;
    }
    const key = format.attributes[group] ?? group;
    if (key !== '__proto__') parsed.attributes[key] = text;
  }
  return parsed;
}
