/** The first SeverityNumber of each range of the OTel logs data model. */
export const SeverityNumber = {
  UNSPECIFIED: 0,
  TRACE: 1,
  DEBUG: 5,
  INFO: 9,
  WARN: 13,
  ERROR: 17,
  FATAL: 21,
} as const;

export type SeverityName = Exclude<keyof typeof SeverityNumber, 'UNSPECIFIED'>;

/** A severity given as a SeverityNumber (1..24) or as the short name of its range. */
export type SeverityLevel = number | SeverityName;

/** Resolves a level given at set-up; throws a TypeError naming `component` for anything else. */
export function toSeverityNumber(level: SeverityLevel, component: string): number {
  if (typeof level === 'number') {
    if (Number.isInteger(level) && level >= 1 && level <= 24) return level;
  } else if (typeof level === 'string' && (level as string) !== 'UNSPECIFIED' && level in SeverityNumber) {
    return SeverityNumber[level];
  }
  throw new TypeError(
    `${component}: severity must be an integer 1..24 or one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL; got ${String(level)}`,
  );
}
