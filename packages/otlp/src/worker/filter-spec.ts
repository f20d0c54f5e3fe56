/**
 * `FilterSpec` — how a ValueFilter reaches the encode worker. A function cannot cross a thread
 * boundary, so the worker is told where to import the filter from: `module` (a URL, an absolute
 * path or a package name), `export` (a factory `(options) => ValueFilter`, or a ValueFilter
 * itself) and `options` (structured-cloneable, passed to the factory).
 *
 *   filter: { module: import.meta.resolve('@logweave/redact'), export: 'redactFilter', options: { … } }
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ValueFilter } from '@logweave/core';

export interface FilterSpec {
  /**
   * Where the filter is: a URL (`import.meta.resolve('@logweave/redact')`), an absolute path, or a
   * package name resolvable from @logweave/otlp (a relative path has no base a worker knows).
   */
  module: string | URL;
  /** @default 'default' */
  export?: string;
  /** Given to the export when it is a factory; must survive a structured clone. @default undefined */
  options?: unknown;
}

/** A FilterSpec as it is sent to a worker. */
export interface ResolvedFilterSpec {
  readonly module: string;
  readonly export: string;
  readonly options: unknown;
}

/** Checks a FilterSpec at set-up; a TypeError naming `component` when it cannot be loaded as given. */
export function resolveFilterSpec(spec: unknown, component: string): ResolvedFilterSpec | undefined {
  if (spec === undefined) return undefined;
  const candidate = spec as Partial<FilterSpec> | null;
  if (candidate === null || typeof candidate !== 'object') {
    throw new TypeError(`${component}: filter must be { module, export?, options? } (a function cannot cross to a worker thread)`);
  }
  const exportName = candidate.export ?? 'default';
  if (typeof exportName !== 'string' || exportName === '') {
    throw new TypeError(`${component}: filter.export must be a non-empty string; got ${String(candidate.export)}`);
  }
  try {
    structuredClone(candidate.options);
  } catch (error) {
    throw new TypeError(`${component}: filter.options must survive a structured clone: ${(error as Error).message}`);
  }
  return { module: moduleUrl(candidate.module, component), export: exportName, options: candidate.options };
}

function moduleUrl(module: unknown, component: string): string {
  if (module instanceof URL) return module.href;
  if (typeof module !== 'string' || module === '') {
    throw new TypeError(`${component}: filter.module must be a URL, an absolute path or a package name; got ${String(module)}`);
  }
  if (isAbsolute(module)) return pathToFileURL(module).href;
  if (module.startsWith('.')) {
    throw new TypeError(`${component}: filter.module ${module} is relative; pass import.meta.resolve('${module}') instead`);
  }
  return module;
}

/** Imports the filter a spec names and makes it; rejects with an error that names the spec. */
export async function loadFilter(spec: ResolvedFilterSpec): Promise<ValueFilter> {
  const where = `${spec.module}#${spec.export}`;
  let exported: unknown;
  try {
    exported = ((await import(spec.module)) as Record<string, unknown>)[spec.export];
  } catch (error) {
    throw new Error(`cannot import the filter ${where}: ${(error as Error).message}`);
  }
  const filter = (typeof exported === 'function' ? (exported as (options: unknown) => unknown)(spec.options) : exported) as
    Partial<ValueFilter> | null | undefined;
  if (filter == null || typeof filter.string !== 'function' || (filter.bytes !== undefined && typeof filter.bytes !== 'function')) {
    throw new Error(`the filter ${where} is not a ValueFilter (or a factory of one): it has no string(value, key) method`);
  }
  return filter as ValueFilter;
}
