import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError } from '../config-error.ts';
import type { ConfigPath } from './path.ts';

export type ConfigFormat = 'yaml' | 'json';

/** A parsed configuration: its value, and where each of its values is written. */
export interface ParsedDocument {
  value: unknown;
  /** Line and column of the value at `path`, or of its key when `key` is given; else of the nearest parent. */
  locate(path: ConfigPath, key?: string): { line: number; column: number } | undefined;
  /** True when the value at `path` is a YAML plain (unquoted) scalar, whose type YAML infers. */
  isPlainScalar(path: ConfigPath): boolean;
}

/** The most aliases a document may expand, against "billion laughs" documents. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses YAML, or JSON strictly (JSON.parse decides what is valid). Both go through the YAML
 * parser too, which knows where every value is written and refuses duplicate keys.
 */
export function parseConfigText(text: string, format: ConfigFormat, file: string): ParsedDocument {
  if (format === 'json') checkJson(text, file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  // One syntax error makes the parser misread what follows: only the first is worth reading.
  const first = doc.errors[0];
  if (first !== undefined) {
    const pos = first.linePos?.[0];
    const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const line = pos === undefined ? '' : (text.split('\n')[pos.line - 1] ?? '');
    const hint = /[{[].*\$\{/.test(line) ? ' (inside { … } or [ … ] quote a ${VAR}, or write the value in block style)' : '';
    throw new ConfigError('syntax', file, [{ path: '', message: `not valid YAML: ${message}${hint}`, ...(pos && { line: pos.line, column: pos.col }) }]);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new ConfigError('syntax', file, [{ path: '', message: (error as Error).message }]);
  }
  return {
    value,
    locate: (path, key) => locate(doc, lineCounter, path, key),
    isPlainScalar: (path) => {
      const node: unknown = doc.getIn(path, true);
      return isScalar(node) && node.type === 'PLAIN';
    },
  };
}

function checkJson(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    throw new ConfigError('syntax', file, [{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
  }
}

function locate(doc: Document, lines: LineCounter, path: ConfigPath, key: string | undefined) {
  for (let depth = path.length; depth >= 0; depth--) {
    const parent = path.slice(0, depth);
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(parent, true);
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) return position(lines, range[0]);
    }
    const range = (node as { range?: [number, number, number] | null } | null)?.range;
    if (range) return position(lines, range[0]);
  }
  return undefined;
}

function position(lines: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}
