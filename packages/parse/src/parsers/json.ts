import type { ParseContext } from '../options.ts';
import { exceptionInto, flattenInto, promoteKnownFields } from '../internal/fields.ts';
import { newParsedLine, type ParsedLine } from '../internal/parsed-line.ts';

/**
 * A JSON object per line (pino, bunyan, winston, zap, logrus, ECS…): `msg` / `message` → body,
 * `level` → severity, `time` / `timestamp` / `ts` → timestamp, `err` → `exception.*`, `pid` →
 * `process.pid`, `hostname` → `host.name`, everything else → attributes, nested objects
 * flattened with dots.
 */
export function jsonLine(line: string, context: ParseContext): ParsedLine | undefined {
  let start = 0;
  while (start < line.length && line.charCodeAt(start) <= 32) start++;
  if (line.charCodeAt(start) !== 123) return undefined; // '{'
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const parsed = newParsedLine('json');
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const field = object[key];
    if ((key === 'err' || key === 'error') && exceptionInto(parsed.attributes, key, field)) continue;
    flattenInto(parsed.attributes, key, field, 1);
  }
  promoteKnownFields(parsed, context);
  return parsed;
}
