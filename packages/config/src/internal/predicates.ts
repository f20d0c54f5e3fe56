import { all, any, attr, bodyMatches, not, scope, severityAtLeast, type Predicate } from '@logweave/core';
import type { PredicateConfig } from '../config-types.ts';
import type { BuildContext } from './build-context.ts';
import type { ConfigPath } from './path.ts';

type Matcher = { equals?: unknown; contains?: string; matches?: string; flags?: string };

/**
 * Turns the predicate language of the file into the predicates of @logweave/core. Regular
 * expressions are compiled here, once; a bad one is reported at its path.
 */
export function compilePredicate(config: PredicateConfig, path: ConfigPath, ctx: BuildContext): Predicate | undefined {
  const [kind, value] = Object.entries(config)[0] as [string, unknown];
  const at = [...path, kind];
  switch (kind) {
    case 'severityAtLeast':
      return ctx.setUp(at, value, () => severityAtLeast(value as never));
    case 'attr':
      return attrPredicate(value as Matcher & { key: string; in?: unknown[]; exists?: true }, at, ctx);
    case 'scope':
      return textPredicate(value as string | Matcher, at, ctx, scope);
    case 'body':
      return textPredicate(value as string | Matcher, at, ctx, bodyMatches);
    case 'not': {
      const inner = compilePredicate(value as PredicateConfig, at, ctx);
      return inner && not(inner);
    }
    default: {
      const list = (value as PredicateConfig[]).map((p, i) => compilePredicate(p, [...at, i], ctx));
      if (list.some((p) => p === undefined)) return undefined;
      return kind === 'all' ? all(...(list as Predicate[])) : any(...(list as Predicate[]));
    }
  }
}

function attrPredicate(spec: Matcher & { key: string; in?: unknown[]; exists?: true }, path: ConfigPath, ctx: BuildContext) {
  if (spec.matches !== undefined) {
    const regex = compileRegex(spec.matches, spec.flags, [...path, 'matches'], ctx);
    return regex && attr(spec.key, regex);
  }
  if (spec.in !== undefined) {
    const allowed = new Set(spec.in);
    return attr(spec.key, (value) => allowed.has(value));
  }
  if (spec.exists === true) return attr(spec.key, isPresent);
  return attr(spec.key, spec.equals as string | number | boolean);
}

function textPredicate(
  spec: string | Matcher,
  path: ConfigPath,
  ctx: BuildContext,
  make: (pattern: string | RegExp) => Predicate,
): Predicate | undefined {
  if (typeof spec === 'string') return make(spec);
  if (spec.matches !== undefined) {
    const regex = compileRegex(spec.matches, spec.flags, [...path, 'matches'], ctx);
    return regex && make(regex);
  }
  return make((spec.equals ?? spec.contains) as string);
}

function isPresent(): boolean {
  return true;
}

/** A RegExp from the file's source and flags; `extraFlags` adds what a factory requires (`g`). */
export function compileRegex(source: string, flags: string | undefined, path: ConfigPath, ctx: BuildContext, extraFlags = ''): RegExp | undefined {
  try {
    return new RegExp(source, (flags ?? '') + extraFlags);
  } catch (error) {
    return ctx.fail(path, `not a valid regular expression: ${(error as Error).message}`);
  }
}
