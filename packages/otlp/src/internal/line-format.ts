import type { HrTime, LogRecordLike } from '@logweave/core';

/** How a record becomes one line of text. */
export type LineFormat = (record: LogRecordLike) => string;

const SEVERITY_NAMES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
const COLORS: Record<string, string> = { TRACE: '90', DEBUG: '36', INFO: '32', WARN: '33', ERROR: '31', FATAL: '35' };

/** The OTel short name of a severity number (`INFO`, `WARN3`), or undefined when it has none. */
export function severityName(severityNumber: number | undefined): string | undefined {
  if (severityNumber === undefined || !(severityNumber >= 1 && severityNumber <= 24)) return undefined;
  const base = SEVERITY_NAMES[Math.floor((severityNumber - 1) / 4)]!;
  const step = (severityNumber - 1) % 4;
  return step === 0 ? base : `${base}${step + 1}`;
}

/** The ISO text of the last second formatted: records of a batch mostly share their second, and Date formatting costs microseconds. */
let cachedSecond = Number.NaN;
let cachedPrefix = '';

function isoTime(time: HrTime): string {
  const [seconds, nanos] = time;
  if (!Number.isInteger(seconds) || !Number.isFinite(nanos)) return String(time);
  if (seconds !== cachedSecond) {
    const iso = new Date(seconds * 1000).toISOString();
    if (iso.length !== 24) return new Date(seconds * 1000 + Math.floor(nanos / 1e6)).toISOString();
    cachedSecond = seconds;
    cachedPrefix = iso.slice(0, 20);
  }
  return `${cachedPrefix}${String(Math.floor(nanos / 1e6)).padStart(3, '0')}Z`;
}

/** Uint8Array as base64 and bigint as a decimal string, as OTLP/JSON would; throws on a cycle, as JSON does. */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/**
 * One JSON object per record (NDJSON): time, severity, body, attributes, trace context and
 * scope — the fields a log shipper reading stdout or a file expects, without the resource.
 */
export function jsonLine(record: LogRecordLike): string {
  const line: Record<string, unknown> = { time: isoTime(record.hrTime) };
  const severity = record.severityText ?? severityName(record.severityNumber);
  if (severity !== undefined) line['severity'] = severity;
  if (record.severityNumber !== undefined) line['severityNumber'] = record.severityNumber;
  if (record.eventName !== undefined) line['eventName'] = record.eventName;
  line['body'] = record.body;
  if (Object.keys(record.attributes).length > 0) line['attributes'] = record.attributes;
  if (record.spanContext !== undefined) {
    line['traceId'] = record.spanContext.traceId;
    line['spanId'] = record.spanContext.spanId;
  }
  line['scope'] = record.instrumentationScope.name;
  return JSON.stringify(line, replacer);
}

/** A line for people at a terminal: time, severity, scope, body, then attributes as key=value. */
export function humanLine(color: boolean): LineFormat {
  return (record) => {
    const severity = (record.severityText ?? severityName(record.severityNumber) ?? '-').padEnd(5);
    const tint = color ? COLORS[severityName(record.severityNumber)?.replace(/\d$/, '') ?? ''] : undefined;
    const shown = tint === undefined ? severity : `\u001b[${tint}m${severity}\u001b[0m`;
    const body = typeof record.body === 'string' ? record.body : JSON.stringify(record.body, replacer) ?? '';
    let line = `${isoTime(record.hrTime)} ${shown} [${record.instrumentationScope.name}] ${body}`;
    for (const key in record.attributes) line += ` ${key}=${JSON.stringify(record.attributes[key], replacer)}`;
    if (record.spanContext !== undefined) line += ` trace_id=${record.spanContext.traceId}`;
    // A body with line breaks stays on one line: a line is a record for whatever reads the stream.
    return line.replace(/\r?\n/g, '\\n');
  };
}

/** The lines of a batch; a record that cannot be written (a cycle, a getter that throws) is left out and counted. */
export function formatLines(records: readonly LogRecordLike[], format: LineFormat): { text: string; unwritable: number } {
  let text = '';
  let unwritable = 0;
  for (const record of records) {
    try {
      text += `${format(record)}\n`;
    } catch {
      unwritable++;
    }
  }
  return { text, unwritable };
}
