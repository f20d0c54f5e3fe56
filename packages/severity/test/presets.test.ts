import { describe, expect, it } from 'vitest';
import { severityPresets, severityTable, type SeverityPresetName } from '../src/index.ts';

// Expected numbers written out from their sources, not read from src/: the OTel logs data model
// ("Displaying Severity") and its Appendix B for otel, syslog, windows, log4j, jul, dotnet and
// zap; the OTel bridges of each logger for the others (see the comments in src/presets-*.ts).
type Rows = readonly (readonly [string | number, number])[];
interface Expected {
  names: Rows;
  numbers?: Rows;
}

const spec: Partial<Record<SeverityPresetName, Expected>> = {
  otel: {
    names: [
      ['TRACE', 1], ['TRACE2', 2], ['TRACE3', 3], ['TRACE4', 4],
      ['DEBUG', 5], ['DEBUG2', 6], ['DEBUG3', 7], ['DEBUG4', 8],
      ['INFO', 9], ['INFO2', 10], ['INFO3', 11], ['INFO4', 12],
      ['WARN', 13], ['WARN2', 14], ['WARN3', 15], ['WARN4', 16],
      ['ERROR', 17], ['ERROR2', 18], ['ERROR3', 19], ['ERROR4', 20],
      ['FATAL', 21], ['FATAL2', 22], ['FATAL3', 23], ['FATAL4', 24],
    ],
    numbers: [[0, 0], [1, 1], [9, 9], [17, 17], [24, 24], [25, 0], [2.5, 0]],
  },
  syslog: {
    names: [
      ['Debug', 5], ['Informational', 9], ['info', 9], ['Notice', 10], ['Warning', 13], ['warn', 13],
      ['Error', 17], ['err', 17], ['Critical', 18], ['crit', 18], ['Alert', 19], ['Emergency', 21], ['emerg', 21],
      ['panic', 21],
    ],
    numbers: [[7, 5], [6, 9], [5, 10], [4, 13], [3, 17], [2, 18], [1, 19], [0, 21], [8, 0], [-1, 0]],
  },
  windows: {
    names: [['Verbose', 5], ['Information', 9], ['Warning', 13], ['Error', 17], ['Critical', 18]],
    numbers: [[5, 5], [4, 9], [3, 13], [2, 17], [1, 18], [0, 0], [6, 0]],
  },
  log4j: {
    names: [['TRACE', 1], ['DEBUG', 5], ['INFO', 9], ['WARN', 13], ['ERROR', 17], ['FATAL', 21]],
    numbers: [[600, 1], [500, 5], [400, 9], [300, 13], [200, 17], [100, 21], [0, 0], [350, 0]],
  },
  jul: {
    names: [['FINEST', 1], ['FINER', 5], ['FINE', 6], ['CONFIG', 7], ['INFO', 9], ['WARNING', 13], ['SEVERE', 17]],
    numbers: [[300, 1], [400, 5], [500, 6], [700, 7], [800, 9], [900, 13], [1000, 17], [600, 0]],
  },
  dotnet: {
    names: [
      ['Trace', 1], ['Debug', 5], ['Information', 9], ['Warning', 13], ['Error', 17], ['Critical', 21],
      ['trce', 1], ['dbug', 5], ['info', 9], ['warn', 13], ['fail', 17], ['crit', 21],
    ],
    numbers: [[0, 1], [1, 5], [2, 9], [3, 13], [4, 17], [5, 21], [6, 0]],
  },
  zap: {
    names: [['debug', 5], ['info', 9], ['warn', 13], ['error', 17], ['dpanic', 18], ['panic', 19], ['fatal', 21]],
    numbers: [[-1, 5], [0, 9], [1, 13], [2, 17], [3, 18], [4, 19], [5, 21], [6, 0]],
  },
  pino: {
    names: [['trace', 1], ['debug', 5], ['info', 9], ['warn', 13], ['error', 17], ['fatal', 21]],
    // Custom levels as @opentelemetry/instrumentation-pino interpolates them; 'silent' is Infinity.
    numbers: [
      [10, 1], [20, 5], [30, 9], [40, 13], [50, 17], [60, 21],
      [5, 2], [35, 11], [45, 15], [65, 23], [70, 24], [100, 24], [0, 0], [Infinity, 0],
    ],
  },
  bunyan: {
    names: [['trace', 1], ['debug', 5], ['info', 9], ['warn', 13], ['error', 17], ['fatal', 21]],
    numbers: [[10, 1], [20, 5], [30, 9], [40, 13], [50, 17], [60, 21], [35, 11], [55, 19]],
  },
  'winston-npm': {
    names: [['error', 17], ['warn', 13], ['info', 9], ['http', 7], ['verbose', 6], ['debug', 5], ['silly', 1]],
    numbers: [[0, 17], [1, 13], [2, 9], [3, 7], [4, 6], [5, 5], [6, 1], [7, 0]],
  },
  'winston-syslog': {
    names: [
      ['emerg', 23], ['alert', 22], ['crit', 21], ['error', 17],
      ['warning', 13], ['notice', 10], ['info', 9], ['debug', 5],
    ],
    numbers: [[0, 23], [1, 22], [2, 21], [3, 17], [4, 13], [5, 10], [6, 9], [7, 5], [8, 0]],
  },
  'winston-cli': {
    names: [
      ['error', 17], ['warn', 13], ['help', 11], ['data', 10], ['info', 9], ['http', 7],
      ['debug', 5], ['prompt', 4], ['verbose', 3], ['input', 2], ['silly', 1],
    ],
  },
  python: {
    names: [['DEBUG', 5], ['INFO', 9], ['WARNING', 13], ['WARN', 13], ['ERROR', 17], ['CRITICAL', 21], ['FATAL', 21]],
    // opentelemetry-python std_to_otel.
    numbers: [
      [0, 0], [9, 0], [10, 5], [11, 6], [12, 7], [13, 8], [19, 8], [20, 9], [25, 12],
      [30, 13], [31, 14], [40, 17], [42, 19], [50, 21], [51, 22], [53, 24], [54, 24], [100, 24],
    ],
  },
  slog: {
    // Level.String() of slog levels -8..15; the OTel slog bridge maps level L to L + 9.
    names: [
      ['DEBUG-4', 1], ['DEBUG-3', 2], ['DEBUG-2', 3], ['DEBUG-1', 4], ['DEBUG', 5], ['DEBUG+1', 6],
      ['DEBUG+2', 7], ['DEBUG+3', 8], ['INFO', 9], ['INFO+1', 10], ['INFO+2', 11], ['INFO+3', 12],
      ['WARN', 13], ['WARN+1', 14], ['WARN+2', 15], ['WARN+3', 16], ['ERROR', 17], ['ERROR+1', 18],
      ['ERROR+2', 19], ['ERROR+3', 20], ['ERROR+4', 21], ['ERROR+5', 22], ['ERROR+6', 23], ['ERROR+7', 24],
    ],
    numbers: [[-4, 5], [0, 9], [4, 13], [8, 17], [-8, 1], [15, 24], [2, 11], [-100, 1], [100, 24]],
  },
  http: {
    names: [['1xx', 9], ['2xx', 9], ['3xx', 9], ['4xx', 13], ['5xx', 17]],
    numbers: [[100, 9], [200, 9], [204, 9], [301, 9], [404, 13], [429, 13], [500, 17], [503, 17], [599, 17], [99, 0], [600, 0]],
  },
  common: {
    names: [
      ['TRC', 1], ['TRCE', 1], ['T', 1], ['DBG', 5], ['DBUG', 5], ['D', 5],
      ['INF', 9], ['Information', 9], ['Informational', 9], ['I', 9],
      ['WRN', 13], ['Warning', 13], ['W', 13], ['ERR', 17], ['EROR', 17], ['E', 17],
      ['CRIT', 18], ['FTL', 21], ['PNC', 21], ['EMERG', 21], ['F', 21],
      ['TRAC', 1], ['VRB', 1], ['DEBU', 5], ['ERRO', 17], ['FATA', 21], ['PANI', 21],
    ],
  },
  logrus: {
    names: [
      ['PANI', 22], ['panic', 22], ['FATA', 21], ['fatal', 21], ['ERRO', 17], ['error', 17], ['WARN', 13], ['warning', 13],
      ['INFO', 9], ['DEBU', 5], ['debug', 5], ['TRAC', 1], ['trace', 1],
    ],
    numbers: [[0, 22], [1, 21], [2, 17], [3, 13], [4, 9], [5, 5], [6, 1], [7, 0]],
  },
  zerolog: {
    names: [
      ['trace', 1], ['TRC', 1], ['debug', 5], ['DBG', 5], ['info', 9], ['INF', 9], ['warn', 13], ['WRN', 13],
      ['error', 17], ['ERR', 17], ['fatal', 21], ['FTL', 21], ['panic', 22], ['PNC', 22],
    ],
    numbers: [[-1, 1], [0, 5], [1, 9], [2, 13], [3, 17], [4, 21], [5, 22], [6, 0]],
  },
  serilog: {
    names: [
      ['Verbose', 1], ['VRB', 1], ['Debug', 5], ['DBG', 5], ['Information', 9], ['INF', 9],
      ['Warning', 13], ['WRN', 13], ['Error', 17], ['ERR', 17], ['Fatal', 21], ['FTL', 21],
    ],
    numbers: [[0, 1], [1, 5], [2, 9], [3, 13], [4, 17], [5, 21], [6, 0]],
  },
  nlog: {
    names: [['Trace', 1], ['Debug', 5], ['Info', 9], ['Warn', 13], ['Error', 17], ['Fatal', 21]],
    numbers: [[0, 1], [1, 5], [2, 9], [3, 13], [4, 17], [5, 21], [6, 0]],
  },
  log4net: {
    names: [
      ['FINEST', 1], ['VERBOSE', 1], ['TRACE', 2], ['FINER', 2], ['DEBUG', 5], ['FINE', 5], ['INFO', 9], ['NOTICE', 10],
      ['WARN', 13], ['ERROR', 17], ['SEVERE', 18], ['CRITICAL', 18], ['ALERT', 19], ['FATAL', 21], ['EMERGENCY', 22],
    ],
    numbers: [[10000, 1], [20000, 2], [30000, 5], [40000, 9], [50000, 10], [60000, 13], [70000, 17], [80000, 18], [90000, 18], [100000, 19], [110000, 21], [120000, 22], [45000, 0]],
  },
  android: {
    names: [
      ['V', 1], ['verbose', 1], ['D', 5], ['debug', 5], ['I', 9], ['info', 9], ['W', 13], ['warn', 13],
      ['E', 17], ['error', 17], ['F', 21], ['fatal', 21], ['A', 21], ['assert', 21],
    ],
    numbers: [[2, 1], [3, 5], [4, 9], [5, 13], [6, 17], [7, 21], [1, 0], [8, 0]],
  },
  journald: {
    names: [
      ['debug', 5], ['info', 9], ['notice', 10], ['warning', 13], ['err', 17], ['crit', 18], ['alert', 19], ['emerg', 21],
      ['informational', 9], ['warn', 13], ['error', 17], ['critical', 18], ['emergency', 21], ['panic', 21],
    ],
    numbers: [[7, 5], [6, 9], [5, 10], [4, 13], [3, 17], [2, 18], [1, 19], [0, 21], [8, 0]],
  },
  localized: {
    names: [
      // French
      ['débogage', 5], ['Information', 9], ['Informations', 9], ['INFOS', 9], ['avertissement', 13],
      ['attention', 13], ['erreur', 17], ['GRAVE', 17], ['critique', 18], ['alerte', 19], ['urgence', 21], ['fatale', 21],
      // German
      ['Ablaufverfolgung', 1], ['Ausführlich', 5], ['ausfuehrlich', 5], ['Fehlersuche', 5], ['KONFIGURATION', 7],
      ['Informationen', 9], ['Hinweis', 10], ['Warnung', 13], ['Fehler', 17], ['SCHWERWIEGEND', 17],
      ['Kritisch', 18], ['Alarm', 19], ['Notfall', 21],
      // Spanish
      ['traza', 1], ['seguimiento', 1], ['depuración', 5], ['Detallado', 5], ['Información', 9], ['advertencia', 13],
      ['aviso', 13], ['error', 17], ['Crítico', 18], ['alerta', 19], ['emergencia', 21], ['fatal', 21],
      // Italian
      ['Dettagliato', 5], ['informazione', 9], ['Informazioni', 9], ['avviso', 13], ['avvertenza', 13],
      ['attenzione', 13], ['errore', 17], ['critico', 18], ['allarme', 19], ['emergenza', 21],
      // Portuguese
      ['depuração', 5], ['Detalhado', 5], ['informação', 9], ['Informações', 9], ['advertência', 13],
      ['erro', 17], ['emergência', 21],
      // Japanese
      ['トレース', 1], ['デバッグ', 5], ['詳細', 5], ['情報', 9], ['通知', 10], ['警告', 13], ['エラー', 17],
      ['重大', 18], ['深刻', 18], ['致命的', 21], ['緊急', 21],
      // Chinese
      ['跟踪', 1], ['追蹤', 1], ['调试', 5], ['偵錯', 5], ['除錯', 5], ['详细', 5], ['信息', 9], ['资讯', 9], ['資訊', 9],
      ['提示', 9], ['注意', 10], ['错误', 17], ['錯誤', 17], ['严重', 18], ['嚴重', 18], ['关键', 18], ['致命', 21], ['紧急', 21],
    ],
  },
};

const presetNames = Object.keys(severityPresets) as SeverityPresetName[];

/** The table of one preset alone, numbers included when it has any. */
function tableOf(preset: SeverityPresetName) {
  const numeric = (severityPresets[preset] as { fromNumber?: unknown }).fromNumber !== undefined;
  return severityTable({ presets: [preset], numbers: numeric ? (preset as 'otel') : 'none' });
}

describe('severity presets', () => {
  it('has expected rows for every preset', () => {
    expect(Object.keys(spec).sort()).toEqual([...presetNames].sort());
  });

  describe.each(presetNames)('%s', (preset) => {
    const expected = spec[preset]!;
    const table = tableOf(preset);

    it.each(expected.names)('maps %j to %i', (word, severityNumber) => {
      expect(table.lookup(word)).toBe(severityNumber);
    });

    it('maps every word whatever its case or padding', () => {
      for (const [word, severityNumber] of expected.names) {
        const text = String(word);
        const forms = [text.toLowerCase(), text.toUpperCase(), ` ${text}\t`, text.charAt(0).toUpperCase() + text.slice(1).toLowerCase()];
        for (const form of forms) expect([form, table.lookup(form)]).toEqual([form, severityNumber]);
      }
    });

    it('describes itself', () => {
      expect(severityPresets[preset].description).toMatch(/^[A-Za-z0-9.( ].{20,}/);
    });

    it('has a tested row for every word it defines', () => {
      const tested = new Set(expected.names.map(([word]) => String(word).toLowerCase()));
      const untested = Object.keys(severityPresets[preset].names).filter((word) => !tested.has(word));
      expect(untested).toEqual([]);
    });

    it('reads its level numbers, as numbers and as text', () => {
      for (const [level, severityNumber] of expected.numbers ?? []) {
        expect([level, table.lookup(level)]).toEqual([level, severityNumber]);
        if (Number.isFinite(level)) expect([`${level}`, table.lookup(`${level}`)]).toEqual([`${level}`, severityNumber]);
      }
      expect((severityPresets[preset] as { fromNumber?: unknown }).fromNumber !== undefined).toBe(expected.numbers !== undefined);
    });
  });

  it('accepts localized words typed without their accents', () => {
    const table = tableOf('localized');
    expect(['debogage', 'AUSFUHRLICH', 'depuracion', 'Critico', 'informacoes', 'EMERGENCIA'].map((w) => table.lookup(w))).toEqual([
      5, 5, 5, 18, 9, 21,
    ]);
  });
});
