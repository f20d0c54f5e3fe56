/**
 * Checks that a parser's result is what `ParsedLine` promises; returns what is wrong, or
 * undefined. Written as a function returning a message so that fast-check reports it.
 */
export function parsedLineProblem(parsed: unknown): string | undefined {
  if (parsed === undefined) return undefined;
  if (parsed === null || typeof parsed !== 'object') return `not an object: ${String(parsed)}`;
  const line = parsed as Record<string, unknown>;
  if (typeof line['format'] !== 'string' || line['format'] === '') return `format ${String(line['format'])}`;
  if (!isSeverityNumberOrZero(line['severityNumber'])) return `severityNumber ${String(line['severityNumber'])}`;
  if (line['severityText'] !== undefined && typeof line['severityText'] !== 'string') return 'severityText is not a string';
  const timestamp = line['timestamp'];
  if (timestamp !== undefined && !isHrTime(timestamp)) return `timestamp ${JSON.stringify(timestamp)}`;
  if (line['body'] !== undefined && !isAnyValue(line['body'])) return 'body is not an AnyValue';
  const attributes = line['attributes'];
  if (attributes === null || typeof attributes !== 'object' || Object.getPrototypeOf(attributes) !== null) {
    return 'attributes is not an object without prototype';
  }
  // An empty key ('{"":1}') is a string like any other; the SDK drops it when it is set.
  for (const [key, value] of Object.entries(attributes)) {
    if (!isAnyValue(value)) return `attribute ${JSON.stringify(key)} is not an AnyValue`;
  }
  return undefined;
}

export function isSeverityNumberOrZero(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 24;
}

/** [seconds, nanoseconds] as the SDK keeps times. */
function isHrTime(value: unknown): boolean {
  return Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) &&
    Number.isInteger(value[1]) && value[1] >= 0 && value[1] < 1e9;
}

/**
 * An OTLP AnyValue as the SDK accepts it: no undefined, bigint, symbol, function, class instance
 * or cycle. Iterative, since a parsed JSON line may nest thousands of levels deep.
 */
export function isAnyValue(root: unknown): boolean {
  const pending: unknown[] = [root];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const value = pending.pop();
    const type = typeof value;
    if (type === 'string' || type === 'boolean' || type === 'number') continue;
    if (type !== 'object') return false;
    if (value === null || value instanceof Uint8Array) continue;
    if (seen.has(value as object)) return false;
    seen.add(value as object);
    const proto: unknown = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return false;
    pending.push(...Object.values(value as object));
  }
  return true;
}
