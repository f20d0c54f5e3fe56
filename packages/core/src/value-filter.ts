/**
 * A filter a writer applies to the log data it writes, in the same read of each value that
 * produces its output: what is written is exactly what the filter inspected, so a body mutated
 * after `emit()`, a getter or a Proxy that answers differently on a second read cannot bypass
 * it. Redaction where data leaves the process is a ValueFilter.
 *
 * A writer calls it for every string (and, when `bytes` is present, every byte array) it writes
 * from a record's body, at any depth, and from its attribute values; `key` is the nearest
 * attribute or map key above the value (an array's items get their array's key), undefined for
 * a body that is itself a string or bytes or holds them outside any map. It is not called for
 * map and attribute keys (a key-name denial is decided at emit time, where the record can still
 * be changed), severity text, event name, ids, resource and scope: those are set by the program
 * that configures the SDK, not by the data it logs, and each is written once per batch.
 *
 * Both methods are synchronous, called on the export path (or in the encode worker), and must
 * not throw: a writer that catches a throw fails the whole batch.
 */
export interface ValueFilter {
  /** The text to write in place of `value` (`value` itself when nothing is to hide). */
  string(value: string, key: string | undefined): string;
  /** The bytes to write in place of `value`; without it, byte arrays are written as they are. */
  bytes?(value: Uint8Array, key: string | undefined): Uint8Array;
}

/** One filter that runs `filters` in order over each value (two redaction stages, say). */
export function chainValueFilters(filters: readonly ValueFilter[]): ValueFilter {
  if (filters.length === 1) return filters[0]!;
  const withBytes = filters.filter((f) => f.bytes !== undefined);
  const chained: ValueFilter = {
    string: (value, key) => filters.reduce((text, f) => f.string(text, key), value),
  };
  if (withBytes.length > 0) chained.bytes = (value, key) => withBytes.reduce((bytes, f) => f.bytes!(bytes, key), value);
  return chained;
}

/** Structures deeper than this are written as a placeholder, as the encoders do. */
const MAX_DEPTH = 32;

/**
 * A copy of `value` with `filter` applied to every string (and byte array) in it, each read
 * once: for writers that serialise a copy (JSON lines) rather than write in the same pass.
 */
export function filterValue(value: unknown, key: string | undefined, filter: ValueFilter, depth = 0): unknown {
  if (typeof value === 'string') return filter.string(value, key);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return filter.bytes === undefined ? value : filter.bytes(value, key);
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((item: unknown) => filterValue(item, key, filter, depth + 1));
  const copy: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const name in source) {
    if (!Object.hasOwn(source, name)) continue;
    Object.defineProperty(copy, name, { value: filterValue(source[name], name, filter, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
