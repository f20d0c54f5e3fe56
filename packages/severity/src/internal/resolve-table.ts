import type { SeverityTableOptions } from '../options.ts';
import {
  DEFAULT_NUMBERS,
  DEFAULT_PRESETS,
  isNumericPresetName,
  isPresetName,
  severityPresets,
  type SeverityPreset,
  type SeverityPresetName,
} from '../presets.ts';
import { unambiguousLevel } from '../presets-ecosystems.ts';
import { parseSeverityLevel } from '../short-names.ts';
import { addName, CompiledTable, MAX_NAME_LENGTH, type NumberScale } from './table.ts';

const PRESET_LIST = Object.keys(severityPresets).join(', ');

export const TABLE_OPTIONS = ['presets', 'numbers', 'names', 'ranges'];

/** Validates the table options and compiles them; throws a TypeError naming `component` and the option. */
export function compileTable(options: SeverityTableOptions, component: string, known = TABLE_OPTIONS): CompiledTable {
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new TypeError(`${component}: unknown option '${unknown}'; known: ${known.join(', ')}`);
  const names = new Map<string, number>();
  for (const [word, severity] of customNames(options.names, component)) addName(names, word, severity);
  for (const preset of presetList(options.presets, component)) {
    for (const [word, severity] of Object.entries((severityPresets[preset] as SeverityPreset).names)) {
      addName(names, word, severity);
    }
  }
  // Last, so that the stage's own output ('WARN', 'ERROR2') always reads back.
  for (const [word, severity] of Object.entries(severityPresets.otel.names)) addName(names, word, severity);
  return new CompiledTable(names, customRanges(options.ranges, component), resolveNumbers(options.numbers, 'numbers', component));
}

/** A numeric preset name → its scale; 'auto' → the unambiguous numbers only; 'none' → undefined. */
export function resolveNumbers(numbers: unknown, option: string, component: string): NumberScale | undefined {
  const name = numbers ?? DEFAULT_NUMBERS;
  if (name === 'none') return undefined;
  if (name === 'auto') return unambiguousLevel;
  if (!isNumericPresetName(name)) {
    const numeric = Object.keys(severityPresets).filter(isNumericPresetName).join(', ');
    throw new TypeError(`${component}: ${option} must be 'auto', 'none' or one of ${numeric}; got ${describe(name)}`);
  }
  return (severityPresets[name] as SeverityPreset).fromNumber;
}

function presetList(presets: unknown, component: string): readonly SeverityPresetName[] {
  if (presets === undefined) return DEFAULT_PRESETS;
  if (!Array.isArray(presets)) throw new TypeError(`${component}: presets must be an array of preset names (${PRESET_LIST})`);
  presets.forEach((name: unknown, i) => {
    if (!isPresetName(name)) {
      throw new TypeError(`${component}: presets[${i}] must be one of ${PRESET_LIST}; got ${describe(name)}`);
    }
    if (presets.indexOf(name) !== i) throw new TypeError(`${component}: presets[${i}] '${name}' is listed twice`);
  });
  return presets as SeverityPresetName[];
}

function customNames(names: unknown, component: string): [string, number][] {
  if (names === undefined) return [];
  if (names === null || typeof names !== 'object' || Array.isArray(names)) {
    throw new TypeError(`${component}: names must be an object of word → SeverityNumber or short name`);
  }
  return Object.entries(names).map(([word, level]) => {
    const key = word.trim();
    if (key === '' || key.length > MAX_NAME_LENGTH) {
      throw new TypeError(`${component}: names key '${word}' must be 1..${MAX_NAME_LENGTH} characters`);
    }
    return [key, levelOrThrow(level, `names['${word}']`, component)];
  });
}

function customRanges(ranges: unknown, component: string): number[] {
  if (ranges === undefined) return [];
  if (ranges === null || typeof ranges !== 'object' || Array.isArray(ranges)) {
    throw new TypeError(`${component}: ranges must be an object of short name → [min, max]`);
  }
  const list = Object.entries(ranges).map(([key, range]: [string, unknown]) => {
    const severity = levelOrThrow(/^\d+$/.test(key) ? Number(key) : key, `ranges key '${key}'`, component);
    const ok = Array.isArray(range) && range.length === 2 && range.every(Number.isFinite) && range[0] <= range[1];
    if (!ok) throw new TypeError(`${component}: ranges['${key}'] must be [min, max] with finite min <= max; got ${describe(range)}`);
    return { key, min: range[0] as number, max: range[1] as number, severity };
  });
  list.sort((a, b) => a.min - b.min);
  for (let i = 1; i < list.length; i++) {
    const [before, after] = [list[i - 1]!, list[i]!];
    if (after.min <= before.max) {
      throw new TypeError(
        `${component}: ranges '${before.key}' [${before.min}, ${before.max}] and '${after.key}' [${after.min}, ${after.max}] overlap`,
      );
    }
  }
  return list.flatMap((r) => [r.min, r.max, r.severity]);
}

function levelOrThrow(level: unknown, option: string, component: string): number {
  const severity = parseSeverityLevel(level);
  if (severity === undefined) {
    throw new TypeError(
      `${component}: ${option} must be a SeverityNumber 1..24 or a short name such as 'WARN' or 'ERROR2'; got ${describe(level)}`,
    );
  }
  return severity;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return String(value);
}
