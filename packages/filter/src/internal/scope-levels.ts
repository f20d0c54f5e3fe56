/** At most this many scope names keep their resolved minimum; past it they are resolved per record. */
const CACHE_LIMIT = 1024;

export interface ScopeRule {
  readonly scope: string | RegExp;
  readonly minimum: number;
}

/**
 * Resolves the minimum severity of an instrumentation scope: an exact name first, then the
 * longest matching prefix (`'db.*'`), then the first matching RegExp, then the default.
 */
export class ScopeLevels {
  readonly #default: number;
  readonly #exact = new Map<string, number>();
  readonly #prefixes: { prefix: string; minimum: number }[] = [];
  readonly #patterns: { regex: RegExp; minimum: number }[] = [];
  readonly #cache = new Map<string, number>();

  constructor(defaultMinimum: number, rules: readonly ScopeRule[]) {
    this.#default = defaultMinimum;
    for (const { scope, minimum } of rules) {
      if (scope instanceof RegExp) {
        this.#patterns.push({ regex: withoutState(scope), minimum });
      } else if (scope.endsWith('*')) {
        this.#prefixes.push({ prefix: scope.slice(0, -1), minimum });
      } else {
        this.#exact.set(scope, minimum);
      }
    }
    this.#prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** True when no rule depends on the scope, so the default applies everywhere. */
  get uniform(): boolean {
    return this.#exact.size === 0 && this.#prefixes.length === 0 && this.#patterns.length === 0;
  }

  minimumFor(scopeName: string): number {
    const cached = this.#cache.get(scopeName);
    if (cached !== undefined) return cached;
    const minimum = this.#resolve(scopeName);
    if (this.#cache.size < CACHE_LIMIT) this.#cache.set(scopeName, minimum);
    return minimum;
  }

  #resolve(scopeName: string): number {
    const exact = this.#exact.get(scopeName);
    if (exact !== undefined) return exact;
    for (const { prefix, minimum } of this.#prefixes) {
      if (scopeName.startsWith(prefix)) return minimum;
    }
    for (const { regex, minimum } of this.#patterns) {
      if (regex.test(scopeName)) return minimum;
    }
    return this.#default;
  }
}

/** A global or sticky RegExp remembers lastIndex between calls; a scope rule must not. */
function withoutState(regex: RegExp): RegExp {
  return regex.global || regex.sticky ? new RegExp(regex.source, regex.flags.replace(/[gy]/g, '')) : regex;
}
