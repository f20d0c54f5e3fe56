import { parse } from 'yaml';
import type { ConfigIssue } from '../config-error.ts';
import type { ParsedDocument } from './document.ts';
import { formatPath, type ConfigPath } from './path.ts';

export type Env = Readonly<Record<string, string | undefined>>;

/** `$${` (a literal `${`), or `${NAME}` / `${NAME:-default}`, or a `${` that is neither. */
const TOKEN = /\$\$\{|\$\{(?:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\})?/g;
const WHOLE = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value (not in keys). In YAML, an
 * unquoted value that is one substitution and nothing else is typed as YAML would type the
 * text (`port: ${PORT}` gives a number); everything else stays a string.
 */
export function substituteEnv(doc: ParsedDocument, env: Env, issues: ConfigIssue[]): unknown {
  return walk(doc.value, [], doc, env, issues);
}

function walk(value: unknown, path: (string | number)[], doc: ParsedDocument, env: Env, issues: ConfigIssue[]): unknown {
  if (typeof value === 'string') return value.includes('${') ? substituteString(value, path, doc, env, issues) : value;
  if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i], doc, env, issues));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = walk(item, [...path, key], doc, env, issues);
    return out;
  }
  return value;
}

function substituteString(text: string, path: ConfigPath, doc: ParsedDocument, env: Env, issues: ConfigIssue[]): unknown {
  const at = { path: formatPath(path), ...doc.locate(path) };
  const result = text.replace(TOKEN, (token, name: string | undefined, fallback: string | undefined) => {
    if (token === '$${') return '${';
    if (name === undefined) {
      issues.push({ ...at, message: 'malformed substitution: write ${NAME} or ${NAME:-default} (or $${ for a literal ${)' });
      return token;
    }
    const found = env[name];
    if (fallback !== undefined) return found === undefined || found === '' ? fallback : found;
    if (found === undefined) {
      issues.push({ ...at, message: `environment variable ${name} is not set and has no default (write \${${name}:-default})` });
      return token;
    }
    return found;
  });
  return WHOLE.test(text) && doc.isPlainScalar(path) ? asYamlScalar(result) : result;
}

/** `"4318"` → 4318, `"true"` → true, as YAML reads an unquoted value; anything else stays text. */
function asYamlScalar(text: string): unknown {
  if (text === '') return text;
  try {
    const value: unknown = parse(text);
    return value === null || typeof value === 'number' || typeof value === 'boolean' ? value : text;
  } catch {
    return text;
  }
}
