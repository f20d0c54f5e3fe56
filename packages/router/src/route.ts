import type { Context } from '@opentelemetry/api';
import { ErrorReporter, settleAll, type LogRecordLike, type Predicate, type Sink, type ValueFilter } from '@logweave/core';

export interface Route {
  /** Names the route in stats. */
  name: string;
  when: Predicate;
  to: Sink | readonly Sink[];
}

export interface RouteOptions {
  routes: readonly Route[];
  /** Where records that match no route go; without it they are dropped and counted as `unrouted`. */
  default?: Sink | readonly Sink[];
  /** 'first': the first matching route only; 'all': every matching route. @default 'first' */
  mode?: 'first' | 'all';
}

export interface RouteStats {
  /** Records handed to the router. */
  received: number;
  /** Records sent by each route. */
  routed: Record<string, number>;
  /** Records that matched no route and went to the default sinks. */
  defaulted: number;
  /** Records that matched no route and had no default: dropped. */
  unrouted: number;
  /** Predicates that threw; the route counted as not matching. */
  predicateErrors: Record<string, number>;
  /** Records lost here, in all (those that matched no route and had no default). */
  dropped: number;
  /** Records lost here, by reason: `unrouted`. */
  droppedBy: Record<string, number>;
}

export interface Router extends Sink {
  stats(): RouteStats;
}

interface CompiledRoute {
  name: string;
  when: Predicate;
  to: Sink[];
  sent: number;
  errors: number;
}

/**
 * A sink that sends each record to the sinks of the route it matches. Each sink keeps its own
 * queue, so a slow or dead destination never holds up another.
 */
export function route(options: RouteOptions): Router {
  return new RouterSink(options);
}

class RouterSink implements Router {
  readonly #routes: CompiledRoute[];
  readonly #default: Sink[];
  readonly #all: boolean;
  readonly #sinks: Sink[];
  readonly #errors = new ErrorReporter('route');
  /** Sinks a record goes to in 'all' mode, reused so that a record costs no allocation. */
  readonly #targets = new Set<Sink>();
  #received = 0;
  #defaulted = 0;
  #unrouted = 0;
  #shutdown: Promise<void> | undefined;
  /** Present when every destination can apply a value filter: then the router can too. */
  readonly applyValueFilter?: (filter: ValueFilter) => void;

  constructor(options: RouteOptions) {
    if (options === null || typeof options !== 'object' || !Array.isArray(options.routes)) {
      throw new TypeError('route: options.routes must be an array of { name, when, to }');
    }
    const mode = options.mode ?? 'first';
    if (mode !== 'first' && mode !== 'all') throw new TypeError(`route: mode must be 'first' or 'all'; got '${String(mode)}'`);
    this.#all = mode === 'all';
    this.#routes = options.routes.map(compileRoute);
    const names = new Set(this.#routes.map((r) => r.name));
    if (names.size !== this.#routes.length) throw new TypeError('route: route names must be unique');
    this.#default = options.default === undefined ? [] : sinkList(options.default, 'default');
    this.#sinks = [...new Set([...this.#routes.flatMap((r) => r.to), ...this.#default])];
    if (this.#sinks.every((sink) => typeof sink.applyValueFilter === 'function')) {
      this.applyValueFilter = (filter) => this.#sinks.forEach((sink) => sink.applyValueFilter!(filter));
    }
  }

  onEmit(record: LogRecordLike, context?: Context): void {
    this.#received++;
    let matched = false;
    for (const r of this.#routes) {
      if (!this.#matches(r, record, context)) continue;
      matched = true;
      r.sent++;
      if (!this.#all) return this.#send(r.to, record, context);
      for (const sink of r.to) this.#targets.add(sink);
    }
    if (matched) {
      for (const sink of this.#targets) this.#emitTo(sink, record, context);
      this.#targets.clear();
    } else if (this.#default.length > 0) {
      this.#defaulted++;
      this.#send(this.#default, record, context);
    } else {
      this.#unrouted++;
    }
  }

  stats(): RouteStats {
    return {
      received: this.#received,
      routed: Object.fromEntries(this.#routes.map((r) => [r.name, r.sent])),
      defaulted: this.#defaulted,
      unrouted: this.#unrouted,
      predicateErrors: Object.fromEntries(this.#routes.filter((r) => r.errors > 0).map((r) => [r.name, r.errors])),
      dropped: this.#unrouted,
      droppedBy: this.#unrouted > 0 ? { unrouted: this.#unrouted } : {},
    };
  }

  async forceFlush(): Promise<void> {
    await settleAll(this.#sinks.map((s) => s.forceFlush()));
  }

  shutdown(): Promise<void> {
    this.#shutdown ??= settleAll(this.#sinks.map((s) => s.shutdown()));
    return this.#shutdown;
  }

  #matches(r: CompiledRoute, record: LogRecordLike, context: Context | undefined): boolean {
    try {
      return r.when(record, context);
    } catch (error) {
      r.errors++;
      this.#errors.report(`route ${r.name} predicate`, error);
      return false;
    }
  }

  #send(sinks: Sink[], record: LogRecordLike, context: Context | undefined): void {
    for (const sink of sinks) this.#emitTo(sink, record, context);
  }

  #emitTo(sink: Sink, record: LogRecordLike, context: Context | undefined): void {
    try {
      sink.onEmit(record, context);
    } catch (error) {
      this.#errors.report('sink onEmit', error);
    }
  }
}

function compileRoute(r: Route, index: number): CompiledRoute {
  if (r === null || typeof r !== 'object' || typeof r.name !== 'string' || r.name === '') {
    throw new TypeError(`route: routes[${index}] needs a non-empty name`);
  }
  if (typeof r.when !== 'function') throw new TypeError(`route: routes[${index}] (${r.name}) needs a predicate in when`);
  return { name: r.name, when: r.when, to: sinkList(r.to, `routes[${index}].to`), sent: 0, errors: 0 };
}

function sinkList(value: Sink | readonly Sink[], option: string): Sink[] {
  const sinks = Array.isArray(value) ? [...value] : [value as Sink];
  const isTarget = (s: unknown) => typeof (s as { send?: unknown } | null)?.send === 'function' && typeof (s as Sink).onEmit !== 'function';
  if (sinks.some(isTarget)) {
    throw new TypeError(`route: ${option} must be sinks, not targets: give a target to otlpSink({ target })`);
  }
  const ok = sinks.length > 0 && sinks.every((s) => s !== null && typeof s === 'object' && typeof s.onEmit === 'function' &&
    typeof s.forceFlush === 'function' && typeof s.shutdown === 'function');
  if (!ok) throw new TypeError(`route: ${option} must be a sink or a non-empty array of sinks`);
  return sinks;
}
