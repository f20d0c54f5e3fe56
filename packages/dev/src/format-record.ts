import type { ReceivedLogRecord } from '@logweave/otlp-schema';

export interface FormatOptions {
  /** ANSI colours. @default true when stdout is a TTY and NO_COLOR is unset */
  color?: boolean;
  /** Attributes shown on the line, in this order, when present. @default KEY_ATTRIBUTES */
  keyAttributes?: readonly string[];
}

/** The attributes worth a glance in a terminal; the rest stay in the record. */
export const KEY_ATTRIBUTES: readonly string[] = [
  'http.request.method', 'url.path', 'http.response.status_code', 'user.id', 'exception.type',
  'exception.message', 'log.type', 'error', 'code.function',
];

const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const CYAN = '\x1b[36m';
/** Colour by SeverityNumber range: TRACE, DEBUG, INFO, WARN, ERROR, FATAL. */
const SEVERITY_COLORS = ['\x1b[90m', '\x1b[34m', '\x1b[32m', '\x1b[33m', '\x1b[31m', '\x1b[1;41;97m'];
const SEVERITY_NAMES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

/** One record as one line (plus indented lines for a stack trace): time, severity, scope, body, key attributes. */
export function formatRecord(record: ReceivedLogRecord, options: FormatOptions = {}): string {
  const color = options.color ?? (process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined);
  const paint = (code: string, text: string) => (color ? `${code}${text}${RESET}` : text);
  const range = record.severityNumber >= 1 ? Math.min(Math.floor((record.severityNumber - 1) / 4), 5) : -1;
  const text = printable(record.severityText);
  const level = (range < 0 ? text || '-' : text || SEVERITY_NAMES[range]!).padEnd(5);
  const parts = [
    paint(DIM, formatTime(record.timeUnixNano === '0' ? record.observedTimeUnixNano : record.timeUnixNano)),
    range < 0 ? level : paint(SEVERITY_COLORS[range]!, level),
    paint(CYAN, printable(record.scope.name) || '-'),
    formatBody(record.body),
  ];
  for (const key of options.keyAttributes ?? KEY_ATTRIBUTES) {
    if (Object.hasOwn(record.attributes, key) && key !== 'exception.stacktrace') {
      parts.push(paint(DIM, `${key}=`) + formatValue(record.attributes[key]));
    }
  }
  const stack = record.attributes['exception.stacktrace'];
  const line = parts.join(' ');
  return typeof stack === 'string' ? `${line}\n${indent(stack, paint)}` : line;
}

function formatTime(unixNano: string): string {
  const ms = Number(BigInt(unixNano) / 1_000_000n);
  return new Date(ms).toISOString().slice(11, 23);
}

/**
 * Control characters (C0, DEL, C1) in record data could move the cursor, recolour or retitle
 * the developer's terminal: they are shown escaped, never written raw.
 */
const CONTROL = /\p{Cc}/gu;
const HAS_CONTROL = /\p{Cc}/u;
const NEEDS_QUOTES = /[\s"\p{Cc}]/u;

function printable(text: string): string {
  return text.replace(CONTROL, escapeControl);
}

function escapeControl(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function formatBody(body: unknown): string {
  if (typeof body === 'string') return HAS_CONTROL.test(body) ? quote(body) : body;
  return body === undefined ? '' : formatValue(body);
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return NEEDS_QUOTES.test(value) ? quote(value) : value;
  return printable(JSON.stringify(value, (_, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v,
  ) ?? String(value));
}

/** JSON.stringify escapes C0 but not C1. */
function quote(text: string): string {
  return printable(JSON.stringify(text));
}

function indent(stack: string, paint: (code: string, text: string) => string): string {
  return stack.split('\n').map((l) => paint(DIM, `    ${printable(l.trim())}`)).join('\n');
}
