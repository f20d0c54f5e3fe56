/*
 * Severity presets for the loggers applications actually use, mapped the way the OpenTelemetry
 * bridges for those loggers map them, so that a record normalised here agrees with one the bridge
 * would have emitted:
 *
 * - pino (lib/constants.js: trace 10 .. fatal 60) and bunyan (same numbers): custom levels are
 *   interpolated as @opentelemetry/instrumentation-pino and instrumentation-bunyan do, scaling
 *   10..70 onto TRACE2..FATAL4.
 * - winston npm / syslog / cli levels (triple-beam config): as @opentelemetry/winston-transport
 *   maps them. Numbers are winston priorities (0 = most severe).
 * - Python logging (DEBUG 10 .. CRITICAL 50): as opentelemetry-python's std_to_otel, where
 *   10 + k → DEBUG + min(k, 3) and anything above 53 is FATAL4.
 * - Go log/slog: SeverityNumber = level + 9, as go.opentelemetry.io/contrib/bridges/otelslog;
 *   the names are slog's Level.String() ("DEBUG-4", "INFO+2", "ERROR+8").
 * - HTTP status classes: 1xx..3xx INFO, 4xx WARN, 5xx ERROR.
 * - common: abbreviations found across loggers (zerolog TRC/DBG/INF/WRN/ERR/FTL/PNC, Serilog VRB,
 *   logrus TRAC/DEBU/ERRO/FATA/PANI, log15 EROR, glog / logcat single letters, syslog CRIT/EMERG).
 */
import type { SeverityPreset } from './presets.ts';

const PINO_DEFAULTS = new Map([[10, 1], [20, 5], [30, 9], [40, 13], [50, 17], [60, 21]]);
/** TRACE2, TRACE3, TRACE4, DEBUG2 … FATAL4: every number that is not the first of its range. */
const PINO_EXTRA = Array.from({ length: 24 }, (_, i) => i + 1).filter((n) => (n - 1) % 4 !== 0);

function fromPinoLevel(level: number): number {
  if (!Number.isFinite(level) || level <= 0) return 0;
  const exact = PINO_DEFAULTS.get(level);
  if (exact !== undefined) return exact;
  const index = Math.floor(((level - 10) / (70 - 10)) * PINO_EXTRA.length);
  return PINO_EXTRA[Math.min(PINO_EXTRA.length - 1, Math.max(0, index))]!;
}

/**
 * The `numbers: 'auto'` rule, for a bare number whose source is not known: only pino's and
 * bunyan's six default levels 10, 20, 30, 40, 50, 60 (the numbers JavaScript loggers write) map.
 * Every other number is left unmapped: 0..9 is where syslog 0..7, .NET 0..5, winston 0..6,
 * zerolog -1..5, Android 2..7 and OTel 1..24 all disagree; 11..59 are custom pino levels or
 * OTel numbers; 100..599 HTTP statuses or Log4j intLevels (400 is Log4j INFO and HTTP 400).
 * Python also writes 10..50, one step apart from pino: give it `numbers: 'python'`.
 */
export function unambiguousLevel(level: number): number {
  return PINO_DEFAULTS.get(level) ?? 0;
}

const PINO_NAMES = { trace: 1, debug: 5, info: 9, warn: 13, error: 17, fatal: 21 };

export const pino = {
  description: 'pino level names and numbers (10..60, custom levels interpolated)',
  names: PINO_NAMES,
  fromNumber: fromPinoLevel,
} satisfies SeverityPreset;

export const bunyan = {
  description: 'bunyan level names and numbers (10..60, custom levels interpolated)',
  names: PINO_NAMES,
  fromNumber: fromPinoLevel,
} satisfies SeverityPreset;

/** Winston priorities: index 0 is the most severe level. */
function byPriority(severities: readonly number[]): (level: number) => number {
  return (level) => (Number.isInteger(level) ? (severities[level] ?? 0) : 0);
}

export const winstonNpm = {
  description: 'winston npm levels (error 0 .. silly 6)',
  names: { error: 17, warn: 13, info: 9, http: 7, verbose: 6, debug: 5, silly: 1 },
  fromNumber: byPriority([17, 13, 9, 7, 6, 5, 1]),
} satisfies SeverityPreset;

export const winstonSyslog = {
  description: 'winston syslog levels (emerg 0 .. debug 7), as @opentelemetry/winston-transport maps them',
  names: { emerg: 23, alert: 22, crit: 21, error: 17, warning: 13, notice: 10, info: 9, debug: 5 },
  fromNumber: byPriority([23, 22, 21, 17, 13, 10, 9, 5]),
} satisfies SeverityPreset;

// No numbers: the priorities of the cli set changed between triple-beam releases.
export const winstonCli = {
  description: 'winston cli level names (error .. silly)',
  names: {
    error: 17, warn: 13, help: 11, data: 10, info: 9, http: 7,
    debug: 5, prompt: 4, verbose: 3, input: 2, silly: 1,
  },
} satisfies SeverityPreset;

function fromPythonLevel(level: number): number {
  if (!Number.isFinite(level) || level < 10) return 0;
  if (level > 53) return 24;
  const whole = Math.floor(level);
  const range = Math.floor(whole / 10);
  return 1 + range * 4 + Math.min(whole % 10, 3);
}

export const python = {
  description: 'Python logging level names and numbers (DEBUG 10 .. CRITICAL 50)',
  names: { debug: 5, info: 9, warning: 13, warn: 13, error: 17, critical: 21, fatal: 21 },
  fromNumber: fromPythonLevel,
} satisfies SeverityPreset;

/** slog's Level.String(): the nearest named level at or below, and the offset from it. */
function slogName(level: number): string {
  const [base, name] = level < 0 ? [-4, 'debug'] : level < 4 ? [0, 'info'] : level < 8 ? [4, 'warn'] : [8, 'error'];
  const offset = level - base;
  return offset === 0 ? name : `${name}${offset > 0 ? '+' : ''}${offset}`;
}

export const slog = {
  description: 'Go log/slog levels: names as Level.String() prints them, numbers + 9',
  // slog levels -8..15 are the ones that land on 1..24.
  names: Object.fromEntries(Array.from({ length: 24 }, (_, i) => [slogName(i - 8), i + 1])),
  fromNumber: (level) => (Number.isFinite(level) ? Math.min(24, Math.max(1, Math.floor(level) + 9)) : 0),
} satisfies SeverityPreset;

export const http = {
  description: 'HTTP status codes 100..599 and classes 1xx..5xx',
  names: { '1xx': 9, '2xx': 9, '3xx': 9, '4xx': 13, '5xx': 17 },
  fromNumber: (status) => {
    if (!Number.isInteger(status) || status < 100 || status > 599) return 0;
    return status >= 500 ? 17 : status >= 400 ? 13 : 9;
  },
} satisfies SeverityPreset;

export const common = {
  description: 'common abbreviations: TRC, DBG, INF, WRN, ERR, EROR, CRIT, FTL, EMERG, PNC, VRB, logrus TRAC DEBU ERRO FATA PANI, T/D/I/W/E/F',
  names: {
    trc: 1, trce: 1, trac: 1, vrb: 1, t: 1,
    dbg: 5, dbug: 5, debu: 5, d: 5,
    inf: 9, information: 9, informational: 9, i: 9,
    wrn: 13, warning: 13, w: 13,
    err: 17, eror: 17, erro: 17, e: 17,
    crit: 18,
    ftl: 21, fata: 21, pnc: 21, pani: 21, emerg: 21, f: 21,
  },
} satisfies SeverityPreset;
