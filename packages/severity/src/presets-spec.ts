/*
 * Severity presets taken from the OpenTelemetry specification.
 *
 * - Logs Data Model, "Field: SeverityNumber" and "Displaying Severity" (the short names):
 *   https://opentelemetry.io/docs/specs/otel/logs/data-model/#field-severitynumber
 * - Logs Data Model Appendix, "Appendix B: SeverityNumber example mappings" (syslog, Windows Event
 *   Log, Log4j, Zap, java.util.logging, .NET Microsoft.Extensions.Logging):
 *   https://opentelemetry.io/docs/specs/otel/logs/data-model-appendix/#appendix-b-severitynumber-example-mappings
 *
 * Appendix B, as the spec gives it (SeverityNumber in the last column):
 *
 *   |Syslog           |WinEvtLog  |Log4j |Zap   |java.util.logging|.NET                |SeverityNumber|
 *   |                 |           |TRACE |      |FINEST           |LogLevel.Trace      |TRACE (1)     |
 *   |Debug (7)        |Verbose    |DEBUG |Debug |FINER            |LogLevel.Debug      |DEBUG (5)     |
 *   |                 |           |      |      |FINE             |                    |DEBUG2 (6)    |
 *   |                 |           |      |      |CONFIG           |                    |DEBUG3 (7)    |
 *   |Informational (6)|Information|INFO  |Info  |INFO             |LogLevel.Information|INFO (9)      |
 *   |Notice (5)       |           |      |      |                 |                    |INFO2 (10)    |
 *   |Warning (4)      |Warning    |WARN  |Warn  |WARNING          |LogLevel.Warning    |WARN (13)     |
 *   |Error (3)        |Error      |ERROR |Error |SEVERE           |LogLevel.Error      |ERROR (17)    |
 *   |Critical (2)     |Critical   |      |Dpanic|                 |                    |ERROR2 (18)   |
 *   |Alert (1)        |           |      |Panic |                 |                    |ERROR3 (19)   |
 *   |Emergency (0)    |           |FATAL |Fatal |                 |LogLevel.Critical   |FATAL (21)    |
 *
 * The words come from the appendix; the numeric level of each source is that source's own
 * (RFC 5424 severity codes, the Windows EVENT_DESCRIPTOR Level, Log4j 2 intLevel, JUL
 * Level.intValue(), .NET LogLevel enum values, zapcore.Level).
 */
import type { SeverityPreset } from './presets.ts';
import { severityShortNames } from './short-names.ts';

/** Number → SeverityNumber from an exact table; 0 for a number the source does not define. */
export function exactLevels(levels: Readonly<Record<number, number>>): (level: number) => number {
  const map = new Map(Object.entries(levels).map(([level, severity]) => [Number(level), severity]));
  return (level) => map.get(level) ?? 0;
}

export const otel = {
  description: 'OTel short names TRACE..FATAL4; numbers are SeverityNumbers 1..24',
  names: Object.fromEntries(severityShortNames.map((name, i) => [name.toLowerCase(), i + 1])),
  fromNumber: (level) => (Number.isInteger(level) && level >= 1 && level <= 24 ? level : 0),
} satisfies SeverityPreset;

export const syslog = {
  description: 'syslog (RFC 5424) keywords and severity codes 0..7',
  names: {
    emerg: 21, emergency: 21,
    alert: 19,
    crit: 18, critical: 18,
    err: 17, error: 17,
    warning: 13, warn: 13,
    notice: 10,
    info: 9, informational: 9,
    debug: 5,
    // Deprecated keywords of syslog.conf(5): panic for emerg, error for err, warn for warning.
    panic: 21,
  },
  fromNumber: exactLevels({ 0: 21, 1: 19, 2: 18, 3: 17, 4: 13, 5: 10, 6: 9, 7: 5 }),
} satisfies SeverityPreset;

export const windows = {
  description: 'Windows Event Log level names and Level values 1..5',
  names: { verbose: 5, information: 9, warning: 13, error: 17, critical: 18 },
  // 0 is LogAlways, a filtering directive and not a severity.
  fromNumber: exactLevels({ 1: 18, 2: 17, 3: 13, 4: 9, 5: 5 }),
} satisfies SeverityPreset;

export const log4j = {
  description: 'Log4j level names and Log4j 2 intLevel values (100 FATAL .. 600 TRACE)',
  names: { trace: 1, debug: 5, info: 9, warn: 13, error: 17, fatal: 21 },
  fromNumber: exactLevels({ 600: 1, 500: 5, 400: 9, 300: 13, 200: 17, 100: 21 }),
} satisfies SeverityPreset;

export const jul = {
  description: 'java.util.logging level names and Level.intValue() (300 FINEST .. 1000 SEVERE)',
  names: { finest: 1, finer: 5, fine: 6, config: 7, info: 9, warning: 13, severe: 17 },
  fromNumber: exactLevels({ 300: 1, 400: 5, 500: 6, 700: 7, 800: 9, 900: 13, 1000: 17 }),
} satisfies SeverityPreset;

export const dotnet = {
  description: '.NET Microsoft.Extensions.Logging LogLevel names, console abbreviations and enum values 0..5',
  names: {
    trace: 1, debug: 5, information: 9, warning: 13, error: 17, critical: 21,
    // What the .NET simple console formatter prints.
    trce: 1, dbug: 5, info: 9, warn: 13, fail: 17, crit: 21,
  },
  fromNumber: exactLevels({ 0: 1, 1: 5, 2: 9, 3: 13, 4: 17, 5: 21 }),
} satisfies SeverityPreset;

export const zap = {
  description: 'zap level names and zapcore.Level values -1..5',
  names: { debug: 5, info: 9, warn: 13, error: 17, dpanic: 18, panic: 19, fatal: 21 },
  fromNumber: exactLevels({ [-1]: 5, 0: 9, 1: 13, 2: 17, 3: 18, 4: 19, 5: 21 }),
} satisfies SeverityPreset;
