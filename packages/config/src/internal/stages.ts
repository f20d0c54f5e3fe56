import type { Stage } from '@logweave/core';
import { enrich, type EnrichOptions } from '@logweave/enrich';
import { bufferUntilError, dedupe, drop, keep, minSeverity, rateLimit, sample, type BufferUntilErrorOptions } from '@logweave/filter';
import { parseBody, type ParseBodyOptions } from '@logweave/parse';
import { redact, type RedactOptions } from '@logweave/redact';
import { severity, type SeverityOptions } from '@logweave/severity';
import type { BufferUntilErrorStageConfig, EnrichStageConfig, ParseBodyStageConfig, PredicateStageConfig, RedactStageConfig, StageConfig } from '../config-types.ts';
import type { BuildContext } from './build-context.ts';
import type { ConfigPath } from './path.ts';
import { compilePredicate, compileRegex } from './predicates.ts';

/** The stage a list item names, built with the factory of its package. */
export function buildStage(config: StageConfig, path: ConfigPath, ctx: BuildContext): Stage | undefined {
  const [kind, raw] = typeof config === 'string' ? [config, null] : (Object.entries(config)[0] as [string, unknown]);
  const at = [...path, kind];
  const options = (raw ?? {}) as Record<string, unknown>;
  switch (kind) {
    case 'severity':
      return ctx.setUp(at, options, () => severity(options as SeverityOptions));
    case 'parseBody':
      return parseBodyStage(options as ParseBodyStageConfig, at, ctx);
    case 'enrich':
      return enrichStage(options as EnrichStageConfig, at, ctx);
    case 'redact':
      return redactStage(options as RedactStageConfig, at, ctx);
    case 'minSeverity':
      return ctx.setUp(at, raw, () => minSeverity(raw as never));
    case 'keep':
    case 'drop':
      return predicateStage(kind, raw as PredicateStageConfig, at, ctx);
    case 'dedupe':
      return ctx.setUp(at, options, () => dedupe(options));
    case 'bufferUntilError':
      return bufferUntilErrorStage(options as BufferUntilErrorStageConfig, at, ctx);
    case 'rateLimit':
      return ctx.setUp(at, options, () => rateLimit(options as never));
    default:
      return ctx.setUp(at, options, () => sample(options as never));
  }
}

function predicateStage(kind: 'keep' | 'drop', config: PredicateStageConfig, path: ConfigPath, ctx: BuildContext): Stage | undefined {
  const long = 'when' in config ? config : undefined;
  const when = long === undefined
    ? compilePredicate(config as never, path, ctx)
    : compilePredicate(long.when, [...path, 'when'], ctx);
  if (when === undefined) return undefined;
  const options = long?.name === undefined ? { when } : { when, name: long.name };
  return ctx.setUp(path, config, () => (kind === 'keep' ? keep(options) : drop(options)));
}

function bufferUntilErrorStage(config: BufferUntilErrorStageConfig, path: ConfigPath, ctx: BuildContext): Stage | undefined {
  const { passWhen, ...rest } = config;
  const options: BufferUntilErrorOptions = rest;
  if (passWhen !== undefined) {
    const predicate = compilePredicate(passWhen, [...path, 'passWhen'], ctx);
    if (predicate === undefined) return undefined;
    options.passWhen = predicate;
  }
  return ctx.setUp(path, config, () => bufferUntilError(options));
}

function parseBodyStage(config: ParseBodyStageConfig, path: ConfigPath, ctx: BuildContext): Stage | undefined {
  const formats = config.formats;
  let resolved: ParseBodyOptions['formats'] = formats === 'auto' ? 'auto' : undefined;
  if (Array.isArray(formats)) {
    const list = formats.map((format, i) => {
      if (typeof format === 'string') return format;
      const regex = compileRegex(format.regex, format.flags, [...path, 'formats', i, 'regex'], ctx);
      if (regex === undefined) return undefined;
      const { flags: _flags, ...rest } = format;
      return { ...rest, regex };
    });
    if (list.some((f) => f === undefined)) return undefined;
    resolved = list as ParseBodyOptions['formats'];
  }
  const options = { ...config, ...(resolved === undefined ? {} : { formats: resolved }) } as ParseBodyOptions;
  return ctx.setUp(path, config, () => parseBody(options));
}

function enrichStage(config: EnrichStageConfig, path: ConfigPath, ctx: BuildContext): Stage | undefined {
  const { classify, ...rest } = config;
  const options = rest as EnrichOptions;
  if (typeof classify === 'object' && classify.rules !== undefined) {
    const rules = classify.rules.map((rule, i) => {
      const when = compilePredicate(rule.when, [...path, 'classify', 'rules', i, 'when'], ctx);
      return when && { type: rule.type, when };
    });
    if (rules.some((r) => r === undefined)) return undefined;
    options.classify = { rules: rules as NonNullable<(typeof rules)[number]>[] };
  } else if (classify !== undefined) {
    options.classify = classify as boolean;
  }
  return ctx.setUp(path, config, () => enrich(options));
}

function redactStage(config: RedactStageConfig, path: ConfigPath, ctx: BuildContext): Stage | undefined {
  const options = { ...config } as unknown as RedactOptions;
  const custom = config.patterns?.custom;
  if (custom !== undefined) {
    const compiled = custom.map((pattern, i) => {
      // The whole match is the secret and redact needs every match: the g flag is always added.
      const regex = compileRegex(pattern.regex, pattern.flags, [...path, 'patterns', 'custom', i, 'regex'], ctx, 'g');
      return regex && { name: pattern.name, regex };
    });
    if (compiled.some((p) => p === undefined)) return undefined;
    options.patterns = { ...config.patterns, custom: compiled as { name: string; regex: RegExp }[] } as NonNullable<RedactOptions['patterns']>;
  }
  return ctx.setUp(path, config, () => redact(options));
}
