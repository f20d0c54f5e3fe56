import type { Predicate, Sink } from '@logweave/core';
import { route, type Router } from '@logweave/router';
import type { PipelineConfig, RouteConfig } from '../config-types.ts';
import type { BuildContext } from './build-context.ts';
import type { ConfigPath } from './path.ts';
import { compilePredicate } from './predicates.ts';

export { buildSink, type ConfiguredSink } from './sink-builders.ts';

/**
 * Checks that every sink a route names exists and that every sink is used, before any sink is
 * made: a sink opens connections and, when durable, locks its directory.
 */
export function checkSinkReferences(config: PipelineConfig, ctx: BuildContext): void {
  const defined = Object.keys(config.sinks);
  const route = config.route;
  if (route === undefined) return;
  const used = new Set<string>();
  const check = (ref: string | string[], path: ConfigPath) => {
    const names = typeof ref === 'string' ? [ref] : ref;
    names.forEach((name, i) => {
      used.add(name);
      if (!defined.includes(name)) {
        ctx.fail(typeof ref === 'string' ? path : [...path, i], `no sink named "${name}"; the sinks are ${defined.join(', ')}`);
      }
    });
  };
  const names = new Set<string>();
  route.routes.forEach((r, i) => {
    if (names.has(r.name)) ctx.fail(['route', 'routes', i, 'name'], `route name "${r.name}" is used twice`);
    names.add(r.name);
    check(r.to, ['route', 'routes', i, 'to']);
  });
  if (route.default !== undefined) check(route.default, ['route', 'default']);
  for (const name of defined) {
    if (!used.has(name)) ctx.fail(['sinks', name], `sink "${name}" is not used by any route nor by route.default`);
  }
}

/** A route with its predicate compiled and its sinks still named. */
export interface CompiledRoute {
  name: string;
  when: Predicate;
  to: string | string[];
}

/** Compiles the routes' predicates before any sink exists, so a bad one costs no connection. */
export function compileRoutes(config: RouteConfig, ctx: BuildContext): CompiledRoute[] | undefined {
  const routes = config.routes.map((r, i) => {
    const when = compilePredicate(r.when, ['route', 'routes', i, 'when'], ctx);
    return when && { name: r.name, when, to: r.to };
  });
  return routes.some((r) => r === undefined) ? undefined : (routes as CompiledRoute[]);
}

export function buildRouter(config: RouteConfig, routes: CompiledRoute[], sinks: Record<string, Sink>, ctx: BuildContext): Router | undefined {
  const pick = (ref: string | string[]) => (typeof ref === 'string' ? [ref] : ref).map((name) => sinks[name]!);
  const options = {
    routes: routes.map((r) => ({ name: r.name, when: r.when, to: pick(r.to) })),
    ...(config.mode === undefined ? {} : { mode: config.mode }),
    ...(config.default === undefined ? {} : { default: pick(config.default) }),
  };
  return ctx.setUp(['route'], config, () => route(options));
}

/** Releases what sinks built before a failure hold (connections, a durable directory's lock). */
export async function shutDownQuietly(sinks: readonly Sink[]): Promise<void> {
  await Promise.allSettled(sinks.map((sink) => sink.shutdown()));
}
