import { compileTable, describe, resolveNumbers, TABLE_OPTIONS } from './internal/resolve-table.ts';
import type { CompiledTable, NumberScale } from './internal/table.ts';
import type { NumericPresetName, SeverityPresetName } from './presets.ts';
import { severityRangeName, severityShortName, type SeverityLevelLike } from './short-names.ts';

/** What a severity table knows: which words and numbers mean which SeverityNumber. */
export interface SeverityTableOptions {
  /**
   * Word dialects, in order of precedence: when two presets give one word different numbers,
   * the first listed wins. The OTel short names (TRACE..FATAL4) are always understood, last.
   * @default DEFAULT_PRESETS: common, syslog, log4j, jul, dotnet, zap, windows, pino, bunyan, winston-npm, python, slog, localized
   */
  presets?: readonly SeverityPresetName[];
  /**
   * How bare numbers (`level: 30`, SeverityText "30") are read: a preset that has numeric levels;
   * 'auto', only the numbers whose meaning is unambiguous (pino's 10, 20, 30, 40, 50, 60; see the
   * README); or 'none' to read none but those in `ranges`.
   * @default 'auto'
   */
  numbers?: NumericPresetName | 'auto' | 'none';
  /**
   * Extra words, case-insensitive: word → SeverityNumber 1..24 or short name. They win over every preset.
   * @default {}
   * @example { achtung: 'WARN', 'sev-high': 'ERROR3' }
   */
  names?: Readonly<Record<string, SeverityLevelLike>>;
  /**
   * Number ranges, inclusive: short name (or SeverityNumber) → [min, max]. They win over `numbers`.
   * Ranges must not overlap.
   * @default {}
   * @example { warn: [30, 39], error: [40, 49] }
   */
  ranges?: Readonly<Record<string, readonly [number, number]>>;
}

/** Where the stage looks for a severity. */
export type SeveritySource = 'severityNumber' | 'severityText' | 'attributes' | 'body';

/** An attribute to read, with the numeric preset its numbers are in when it is not the table's. */
export interface SeverityAttribute {
  key: string;
  /** @default the stage's `numbers` */
  numbers?: NumericPresetName | 'auto' | 'none';
}

export interface SeverityOptions extends SeverityTableOptions {
  /**
   * Sources in order of preference; the first that yields a SeverityNumber decides. An existing
   * SeverityNumber counts when it is 1..24. Add 'body' to infer from a prefix of a string body
   * ("ERROR: disk full", "[warn] …", "2024-05-01T10:00:00Z WARN …").
   * @default ['severityNumber', 'severityText', 'attributes']
   */
  sources?: readonly SeveritySource[];
  /**
   * Attributes read by the 'attributes' source, in order; the first that maps decides.
   * @default ['level', 'lvl', 'severity', 'log.level']
   * @example ['level', { key: 'http.response.status_code', numbers: 'http' }]
   */
  attributes?: readonly (string | SeverityAttribute)[];
  /**
   * SeverityText written: 'short' is the data model's short name (WARN, ERROR2), 'range' the
   * name of the range only (ERROR for 17..20), 'none' leaves SeverityText alone.
   * @default 'short'
   */
  text?: 'short' | 'range' | 'none';
  /**
   * Replace an existing SeverityText with the normalised one. When false, only records without
   * a SeverityText get one, and the source's own wording is kept as the data model recommends.
   * @default false
   */
  overwriteText?: boolean;
  /**
   * When a SeverityText is replaced, keep the previous one in this attribute.
   * @default undefined (not kept)
   * @example 'log.severity.original'
   */
  originalTextAttribute?: string;
  /**
   * Attribute set to `true` on a record no source could map, so that it can be found and
   * filtered; `true` names it 'logweave.severity.unmapped'.
   * @default undefined (not set)
   */
  unmappedAttribute?: string | boolean;
  /**
   * Names the stage in `pipeline.stats()` and error reports.
   * @default 'severity'
   */
  name?: string;
}

export const DEFAULT_SOURCES: readonly SeveritySource[] = ['severityNumber', 'severityText', 'attributes'];
export const DEFAULT_ATTRIBUTES: readonly string[] = ['level', 'lvl', 'severity', 'log.level'];

const STAGE_OPTIONS = ['sources', 'attributes', 'text', 'overwriteText', 'originalTextAttribute', 'unmappedAttribute', 'name'];

export const DEFAULT_UNMAPPED_ATTRIBUTE = 'logweave.severity.unmapped';

/** The sources as the stage's hot path reads them: indexes into SOURCES. */
export const SOURCES: readonly SeveritySource[] = ['severityNumber', 'severityText', 'attributes', 'body'];

export interface ResolvedSeverityOptions {
  name: string;
  table: CompiledTable;
  sources: number[];
  attributeKeys: string[];
  /** Per attribute, the scale its numbers are read with. */
  attributeNumbers: (NumberScale | undefined)[];
  /** SeverityText by SeverityNumber; undefined with `text: 'none'`. */
  texts: readonly string[] | undefined;
  overwriteText: boolean;
  originalTextAttribute: string | undefined;
  unmappedAttribute: string | undefined;
}

export function resolveSeverityOptions(options: SeverityOptions = {}): ResolvedSeverityOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('severity: options must be an object');
  const table = compileTable(options, 'severity', [...TABLE_OPTIONS, ...STAGE_OPTIONS]);
  const attributes = resolveAttributes(options.attributes, table);
  return {
    name: nonEmptyString(options.name ?? 'severity', 'name'),
    table,
    sources: resolveSources(options.sources),
    attributeKeys: attributes.map((a) => a.key),
    attributeNumbers: attributes.map((a) => a.numbers),
    texts: resolveTexts(options.text),
    overwriteText: resolveBoolean(options.overwriteText ?? false, 'overwriteText'),
    originalTextAttribute:
      options.originalTextAttribute === undefined ? undefined : nonEmptyString(options.originalTextAttribute, 'originalTextAttribute'),
    unmappedAttribute: resolveUnmappedAttribute(options.unmappedAttribute),
  };
}

function resolveSources(sources: unknown = DEFAULT_SOURCES): number[] {
  if (!Array.isArray(sources) || sources.length === 0) {
    throw new TypeError(`severity: sources must be a non-empty array of ${SOURCES.join(', ')}`);
  }
  return sources.map((source: unknown, i) => {
    const index = SOURCES.indexOf(source as SeveritySource);
    if (index < 0) throw new TypeError(`severity: sources[${i}] must be one of ${SOURCES.join(', ')}; got ${describe(source)}`);
    if (sources.indexOf(source) !== i) throw new TypeError(`severity: sources[${i}] '${String(source)}' is listed twice`);
    return index;
  });
}

function resolveAttributes(attributes: unknown = DEFAULT_ATTRIBUTES, table: CompiledTable) {
  if (!Array.isArray(attributes)) throw new TypeError('severity: attributes must be an array of keys or { key, numbers }');
  return attributes.map((entry: unknown, i) => {
    const spec = (typeof entry === 'string' ? { key: entry } : entry) as Partial<SeverityAttribute> | null;
    if (spec === null || typeof spec !== 'object' || typeof spec.key !== 'string' || spec.key === '') {
      throw new TypeError(`severity: attributes[${i}] must be a non-empty key or { key, numbers }; got ${describe(entry)}`);
    }
    const numbers = spec.numbers === undefined ? table.numbers : resolveNumbers(spec.numbers, `attributes[${i}].numbers`, 'severity');
    return { key: spec.key, numbers };
  });
}

function resolveTexts(text: unknown = 'short'): readonly string[] | undefined {
  const numbers = Array.from({ length: 25 }, (_, i) => i);
  if (text === 'short') return numbers.map(severityShortName);
  if (text === 'range') return numbers.map(severityRangeName);
  if (text === 'none') return undefined;
  throw new TypeError(`severity: text must be 'short', 'range' or 'none'; got ${describe(text)}`);
}

function resolveUnmappedAttribute(option: unknown): string | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return DEFAULT_UNMAPPED_ATTRIBUTE;
  if (typeof option !== 'string' || option === '') {
    throw new TypeError(`severity: unmappedAttribute must be a non-empty string or a boolean; got ${describe(option)}`);
  }
  return option;
}

function resolveBoolean(value: unknown, option: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`severity: ${option} must be a boolean; got ${describe(value)}`);
  return value;
}

function nonEmptyString(value: unknown, option: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`severity: ${option} must be a non-empty string; got ${describe(value)}`);
  }
  return value;
}
