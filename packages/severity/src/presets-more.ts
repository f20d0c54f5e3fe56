/*
 * Presets for more logging libraries, each from the library's own level definitions:
 *
 * - logrus (sirupsen/logrus, Level constants Panic 0 .. Trace 6): its text formatter prints the
 *   first four letters in capitals (PANI FATA ERRO WARN INFO DEBU TRAC); panic is above fatal.
 * - zerolog (rs/zerolog, Level -1 trace .. 5 panic): short names TRC DBG INF WRN ERR FTL PNC.
 * - Serilog (LogEventLevel Verbose 0 .. Fatal 5): three-letter output VRB DBG INF WRN ERR FTL.
 * - NLog (LogLevel.Ordinal Trace 0 .. Fatal 5).
 * - log4net (Level.Value: FINEST/VERBOSE 10000 .. EMERGENCY 120000).
 * - Android logcat (android.util.Log priorities VERBOSE 2 .. ASSERT 7; letters V D I W E F A).
 *   Single letters are ambiguous in other text, hence a preset of its own, not a default.
 * - journald PRIORITY (0..7, the syslog severities, as `journalctl -o json` writes them).
 */
import type { SeverityPreset } from './presets.ts';
import { exactLevels, syslog } from './presets-spec.ts';

export const logrus = {
  description: 'logrus level names, their four-letter forms and Level values 0 (panic) .. 6 (trace)',
  names: {
    panic: 22, pani: 22, fatal: 21, fata: 21, error: 17, erro: 17, warning: 13, warn: 13,
    info: 9, debug: 5, debu: 5, trace: 1, trac: 1,
  },
  fromNumber: exactLevels({ 0: 22, 1: 21, 2: 17, 3: 13, 4: 9, 5: 5, 6: 1 }),
} satisfies SeverityPreset;

export const zerolog = {
  description: 'zerolog level names, short names and Level values -1 (trace) .. 5 (panic)',
  names: {
    trace: 1, trc: 1, debug: 5, dbg: 5, info: 9, inf: 9, warn: 13, wrn: 13,
    error: 17, err: 17, fatal: 21, ftl: 21, panic: 22, pnc: 22,
  },
  fromNumber: exactLevels({ [-1]: 1, 0: 5, 1: 9, 2: 13, 3: 17, 4: 21, 5: 22 }),
} satisfies SeverityPreset;

export const serilog = {
  description: 'Serilog LogEventLevel names, three-letter forms and values 0 (Verbose) .. 5 (Fatal)',
  names: {
    verbose: 1, vrb: 1, debug: 5, dbg: 5, information: 9, inf: 9,
    warning: 13, wrn: 13, error: 17, err: 17, fatal: 21, ftl: 21,
  },
  fromNumber: exactLevels({ 0: 1, 1: 5, 2: 9, 3: 13, 4: 17, 5: 21 }),
} satisfies SeverityPreset;

export const nlog = {
  description: 'NLog level names and LogLevel.Ordinal 0 (Trace) .. 5 (Fatal)',
  names: { trace: 1, debug: 5, info: 9, warn: 13, error: 17, fatal: 21 },
  fromNumber: exactLevels({ 0: 1, 1: 5, 2: 9, 3: 13, 4: 17, 5: 21 }),
} satisfies SeverityPreset;

export const log4net = {
  description: 'log4net level names and Level.Value 10000 (FINEST) .. 120000 (EMERGENCY)',
  names: {
    finest: 1, verbose: 1, trace: 2, finer: 2, debug: 5, fine: 5, info: 9, notice: 10,
    warn: 13, error: 17, severe: 18, critical: 18, alert: 19, fatal: 21, emergency: 22,
  },
  fromNumber: exactLevels({
    10000: 1, 20000: 2, 30000: 5, 40000: 9, 50000: 10, 60000: 13, 70000: 17, 80000: 18, 90000: 18, 100000: 19, 110000: 21, 120000: 22,
  }),
} satisfies SeverityPreset;

export const android = {
  description: 'Android logcat letters V D I W E F A, names, and priorities 2 (VERBOSE) .. 7 (ASSERT)',
  names: {
    v: 1, verbose: 1, d: 5, debug: 5, i: 9, info: 9, w: 13, warn: 13,
    e: 17, error: 17, f: 21, fatal: 21, a: 21, assert: 21,
  },
  fromNumber: exactLevels({ 2: 1, 3: 5, 4: 9, 5: 13, 6: 17, 7: 21 }),
} satisfies SeverityPreset;

export const journald = {
  description: 'journald PRIORITY 0..7 (the syslog severities) and the syslog keywords',
  names: syslog.names,
  fromNumber: syslog.fromNumber,
} satisfies SeverityPreset;
