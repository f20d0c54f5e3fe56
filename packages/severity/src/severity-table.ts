import { compileTable } from './internal/resolve-table.ts';
import type { CompiledTable } from './internal/table.ts';
import type { SeverityTableOptions } from './options.ts';

/**
 * Text or number → SeverityNumber, for stages and parsers that find a level themselves. Every
 * method returns an integer 0..24, 0 when the value is no known level, and never throws.
 */
export interface SeverityTable {
  /** A string (a word, or a number written as text) or a number; anything else is 0. */
  lookup(value: unknown): number;
  lookupText(text: string): number;
  lookupNumber(level: number): number;
}

/** Compiles presets, extra names and ranges once; throws a TypeError for invalid options. */
export function severityTable(options: SeverityTableOptions = {}): SeverityTable {
  if (options === null || typeof options !== 'object') throw new TypeError('severityTable: options must be an object');
  return compileTable(options, 'severityTable');
}

let defaultTable: CompiledTable | undefined;

/**
 * The SeverityNumber (0..24) of a level given as text or number, with `table` or the default
 * presets: `lookupSeverity('WRN')` → 13, `lookupSeverity(50)` → 17 (pino error).
 */
export function lookupSeverity(value: unknown, table?: SeverityTable): number {
  return (table ?? (defaultTable ??= compileTable({}, 'lookupSeverity'))).lookup(value);
}
