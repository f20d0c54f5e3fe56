/*
 * The literal heads of the vendor tokens of vendor-keys.ts and of chat webhook hosts, noted by
 * the character loop of features.ts: each check runs only at a `_`, `-`, `.`, `:` or at one of
 * a few capitals, and reads a bounded number of characters.
 */

/** The head of a vendor token of vendor-keys.ts. */
export const VENDOR_HEAD = 4096;
/** The host of a chat webhook URL: a dot after `hooks`, `webhook` or `discord(app)`. */
export const WEBHOOK = 8192;

/** What comes right before the `_`, `-` or `.` of a vendor token's head. */
const HEADS: Readonly<Record<string, readonly string[]>> = {
  _: [
    'dop', 'doo', 'dor', 'lin', 'glc', 'glsa', 'sntrys', 'sntryu', 'hf', 'shpat', 'shpss', 'shpca', 'shppa', 'pscale', 'rubygems',
    'pnu', 'ops', 'ntn', 'duffel', 'fo1', 'fm2', 'sgp', 'CLOJARS', 'FLWSECK', 'shippo', 'tfp', 'rdme',
  ],
  '-': [
    'PMAK', 'NRAK', 'AGE', 'xapp', 'sq0atp', 'sq0csp', 'key', 'glrt', 'gldt', 'glptt', 'glcbt', 'glft', 'glimt', 'glagent', 'gloas',
    'glsoat', 'glffct', 'pul', 'xkeysib', 'CFPAT', 'pypi', 'HRKU', 'pplx', 'ico', 'API', 'fio', 'tk', 'p8e',
  ],
  '.': ['hvs', 'hvb', 'hvr', 'dp', 'dt0c01'],
};
const WEBHOOK_HOSTS = ['hooks', 'webhook', 'discord', 'discordapp'];

/** Heads by separator, then by their last character: most separators are ruled out by one lookup. */
const BY_LAST = new Map<number, Map<number, string[]>>();
for (const [separator, heads] of Object.entries(HEADS)) {
  const byLast = new Map<number, string[]>();
  for (const head of heads) {
    const last = head.charCodeAt(head.length - 1);
    byLast.set(last, [...(byLast.get(last) ?? []), head]);
  }
  BY_LAST.set(separator.charCodeAt(0), byLast);
}

/** VENDOR_HEAD or WEBHOOK when the `_`, `-` or `.` at `i` ends one of their heads; else 0. */
export function vendorHeadBefore(text: string, i: number, separator: number): number {
  if (i === 0) return 0;
  let bits = endsWithAny(text, i, BY_LAST.get(separator)!.get(text.charCodeAt(i - 1))) ? VENDOR_HEAD : 0;
  if (separator === 0x2e) {
    if (text.startsWith('atlasv1.', i + 1)) bits |= VENDOR_HEAD;
    for (const host of WEBHOOK_HOSTS) if (text.endsWith(host, i)) bits |= WEBHOOK;
  }
  return bits;
}

function endsWithAny(text: string, i: number, heads: readonly string[] | undefined): boolean {
  if (heads === undefined) return false;
  for (const head of heads) if (text.endsWith(head, i)) return true;
  return false;
}

/**
 * VENDOR_HEAD at `LTAI`, `EZAK`/`EZTK`, `SK` (Twilio), `GR1348941` (GitLab runners), a digit then
 * `Q~` (Entra ID), a digit then `:AA` (Telegram); else 0.
 */
export function vendorHeadAt(text: string, i: number, code: number): number {
  switch (code) {
    case 0x53:
      return text.charCodeAt(i + 1) === 0x4b ? VENDOR_HEAD : 0;
    case 0x47:
      return text.startsWith('GR1348941', i) ? VENDOR_HEAD : 0;
    case 0x4c:
      return text.startsWith('LTAI', i) ? VENDOR_HEAD : 0;
    case 0x45:
      return text.startsWith('EZAK', i) || text.startsWith('EZTK', i) ? VENDOR_HEAD : 0;
    case 0x51:
      return text.charCodeAt(i + 1) === 0x7e && isDigit(text.charCodeAt(i - 1)) ? VENDOR_HEAD : 0;
    default:
      return text.charCodeAt(i + 1) === 0x41 && text.charCodeAt(i + 2) === 0x41 && isDigit(text.charCodeAt(i - 1)) ? VENDOR_HEAD : 0;
  }
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
