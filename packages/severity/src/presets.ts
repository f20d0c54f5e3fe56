import { bunyan, common, http, pino, python, slog, winstonCli, winstonNpm, winstonSyslog } from './presets-ecosystems.ts';
import { localized } from './presets-localized.ts';
import { android, journald, log4net, logrus, nlog, serilog, zerolog } from './presets-more.ts';
import { dotnet, jul, log4j, otel, syslog, windows, zap } from './presets-spec.ts';

/** How one source format names and numbers its levels. */
export interface SeverityPreset {
  /** What the preset reads, for documentation and error messages. */
  readonly description: string;
  /** Level words, lowercase, → SeverityNumber 1..24. */
  readonly names: Readonly<Record<string, number>>;
  /**
   * Level numbers of the source → SeverityNumber 0..24 (0: not a level of the source). Absent
   * when the source has no numeric levels.
   */
  readonly fromNumber?: (level: number) => number;
}

/** Every preset, by the name options use. */
export const severityPresets = {
  otel,
  common,
  syslog,
  windows,
  log4j,
  jul,
  dotnet,
  zap,
  pino,
  bunyan,
  'winston-npm': winstonNpm,
  'winston-syslog': winstonSyslog,
  'winston-cli': winstonCli,
  python,
  slog,
  http,
  localized,
  logrus,
  zerolog,
  serilog,
  nlog,
  log4net,
  android,
  journald,
} as const satisfies Record<string, SeverityPreset>;

export type SeverityPresetName = keyof typeof severityPresets;

/** The presets that define level numbers, usable as `numbers`. */
export type NumericPresetName = {
  [K in SeverityPresetName]: (typeof severityPresets)[K] extends { fromNumber: unknown } ? K : never;
}[SeverityPresetName];

/**
 * The default word presets, in order of precedence: where two name one word differently
 * ("critical": syslog ERROR2, .NET and Python FATAL) the first wins. winston-syslog, winston-cli
 * and http are left out: their words clash with syslog's or are ordinary words ("data", "help").
 */
export const DEFAULT_PRESETS: readonly SeverityPresetName[] = [
  'common',
  'syslog',
  'log4j',
  'jul',
  'dotnet',
  'zap',
  'windows',
  'pino',
  'bunyan',
  'winston-npm',
  'python',
  'slog',
  'localized',
];

/**
 * How bare numbers are read unless told otherwise: 'auto', the numbers no common source reads
 * differently enough to matter (see `unambiguousLevel`).
 */
export const DEFAULT_NUMBERS = 'auto';

export function isPresetName(name: unknown): name is SeverityPresetName {
  return typeof name === 'string' && Object.hasOwn(severityPresets, name);
}

export function isNumericPresetName(name: unknown): name is NumericPresetName {
  return isPresetName(name) && (severityPresets[name] as SeverityPreset).fromNumber !== undefined;
}
