/**
 * The short names of the OTel logs data model, "Displaying Severity":
 * https://opentelemetry.io/docs/specs/otel/logs/data-model/#displaying-severity
 * Index = SeverityNumber; 0 is UNSPECIFIED.
 */
const SHORT_NAMES: readonly string[] = [
  'UNSPECIFIED',
  ...['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].flatMap((range) => [range, `${range}2`, `${range}3`, `${range}4`]),
];

/** A SeverityNumber 1..24, or the short name of one ('WARN', 'error2'), as options accept it. */
export type SeverityLevelLike = number | string;

/** The data model's short name of a SeverityNumber: 18 → 'ERROR2'; 'UNSPECIFIED' for 0 or anything not 1..24. */
export function severityShortName(severityNumber: number): string {
  return isSeverityNumber(severityNumber) ? SHORT_NAMES[severityNumber]! : 'UNSPECIFIED';
}

/** The short name of the range only: 18 → 'ERROR'. */
export function severityRangeName(severityNumber: number): string {
  return isSeverityNumber(severityNumber) ? SHORT_NAMES[severityNumber - ((severityNumber - 1) % 4)]! : 'UNSPECIFIED';
}

/** True for the integers 1..24, the SeverityNumbers that mean something. */
export function isSeverityNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 24;
}

/** Reads a level given at set-up (17, 'ERROR', 'error2'); undefined when it is none. */
export function parseSeverityLevel(level: unknown): number | undefined {
  if (isSeverityNumber(level)) return level;
  if (typeof level !== 'string') return undefined;
  const index = SHORT_NAMES.indexOf(level.trim().toUpperCase());
  return index >= 1 ? index : undefined;
}

/** Every short name but UNSPECIFIED, in order: index + 1 = SeverityNumber. */
export const severityShortNames: readonly string[] = SHORT_NAMES.slice(1);
