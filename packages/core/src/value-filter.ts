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
