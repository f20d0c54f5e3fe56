/**
 * FNV-1a (32-bit) over the UTF-16 code units of `text`, then the MurmurHash3 finaliser so that
 * values differing only in their last characters (user-1, user-2…) spread over the whole range.
 * Stable across processes and versions: a sampling decision made on one host is made on all.
 */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
