import { keyWords, wordRunEquals } from './key-words.ts';

/*
 * Key-name hints as word parts. A key names a secret when a run of its words is a deny-list name
 * (`client_secret`, `x-api-key`), or when one of its words is a hint glued to a prefix that
 * environment variables and config keys put in front of it (`PGPASSWORD`, `MYSQLPWD`,
 * `authtoken`), or to a word that keeps its meaning (`SECRETKEY`, `tokenvalue`). Hints glued to
 * anything else are words of their own: `passwordless`, `secretary`, `tokenizer`, `tokens`.
 * The exceptions below were chosen from the negative corpus (test/corpus/negatives.txt): keys
 * that hold a hint and, in the logs gathered there, never a secret.
 */

/** Hints that name a secret with any prefix glued before them. */
const SUFFIX_HINTS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'pwd', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'accountkey'];
/** Hints that name a secret with one of CONTINUATIONS glued after them. */
const PREFIX_HINTS = ['password', 'passwd', 'secret', 'token', 'apikey', 'accesskey'];
const CONTINUATIONS = new Set(['key', 'keys', 'value', 'hash', 'string']);

/**
 * Last words that make a key describe a secret rather than hold one: `token_type=Bearer`,
 * `token_count=12`, `secretName: tls-cert` (Kubernetes), `POSTGRES_PASSWORD_FILE=/run/secrets/db`,
 * `password_policy=strong`, `token_expires_in=3600`, `auth_method=oauth2`, `auth_enabled=true`.
 */
const METADATA_ENDINGS: readonly (readonly string[])[] = [
  ['type'], ['count'], ['length'], ['name'], ['ref'], ['file'], ['path'], ['endpoint'], ['url'], ['uri'],
  ['expires'], ['expires', 'in'], ['expires', 'at'], ['expiry'], ['ttl'], ['policy'], ['usage'], ['limit'],
  ['method'], ['mode'], ['provider'], ['scheme'], ['status'], ['enabled'], ['required'],
];
/** Keys, normalized, that hold a hint and no secret: sudoers' `NOPASSWD:` tag. */
const EXEMPT_KEYS = new Set(['nopasswd']);
/** Environment variables written exactly so hold the working directory, not a password (CI env dumps). */
const EXEMPT_EXACT = new Set(['PWD', 'OLDPWD']);

/**
 * True when `key` names a secret: a run of its words is one of `userNames` (never exempted), or it
 * is not exempt and a run of its words is one of `names`, or one of its words is a glued hint.
 */
export function namesSecret(key: string, names: readonly string[], userNames: readonly string[]): boolean {
  const words = keyWords(key);
  if (userNames.length > 0 && hasRun(words, userNames)) return true;
  if (isExempt(key, words)) return false;
  return hasRun(words, names) || words.some(isGluedHint);
}

function hasRun(words: readonly string[], names: readonly string[]): boolean {
  for (const name of names) if (wordRunEquals(words, name)) return true;
  return false;
}

function isGluedHint(word: string): boolean {
  for (const hint of SUFFIX_HINTS) {
    if (word.length > hint.length && word.endsWith(hint)) return true;
  }
  for (const hint of PREFIX_HINTS) {
    if (word.length > hint.length && word.startsWith(hint) && CONTINUATIONS.has(word.slice(hint.length))) return true;
  }
  return false;
}

function isExempt(key: string, words: readonly string[]): boolean {
  if (EXEMPT_EXACT.has(key) || EXEMPT_KEYS.has(words.join(''))) return true;
  for (const ending of METADATA_ENDINGS) {
    if (words.length > ending.length && ending.every((word, i) => words[words.length - ending.length + i] === word)) return true;
  }
  return false;
}
