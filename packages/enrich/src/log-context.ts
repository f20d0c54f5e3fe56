import { AsyncLocalStorage } from 'node:async_hooks';

/** Attributes of the current request (or job, or message) that every record emitted in it carries. */
export type LogContextAttributes = Readonly<Record<string, unknown>>;

const STORAGE_KEY = Symbol.for('logweave.enrich.log-context');
const EMPTY: LogContextAttributes = Object.freeze({});

/**
 * One storage per process, kept on globalThis: when two copies of this package end up installed,
 * a context opened through one is still seen by an `enrich()` stage made by the other.
 */
const storage: AsyncLocalStorage<LogContextAttributes> = ((globalThis as Record<symbol, unknown>)[STORAGE_KEY] ??=
  new AsyncLocalStorage<LogContextAttributes>()) as AsyncLocalStorage<LogContextAttributes>;

/**
 * Runs `fn` with `attributes` added to the log context: every record emitted in `fn` and in the
 * async work it starts gets them (through an `enrich()` stage). Contexts nest: an inner one
 * inherits the outer one's attributes and its own win on a shared key. Attributes whose value is
 * `undefined` are left out. Returns what `fn` returns.
 *
 * @example
 * app.use((req, res, next) =>
 *   withLogContext({ 'user.id': req.user?.id, 'http.request.header.x-request-id': [req.id] }, next));
 */
export function withLogContext<T>(attributes: Readonly<Record<string, unknown>> | null | undefined, fn: () => T): T {
  if (typeof fn !== 'function') throw new TypeError('withLogContext: fn must be a function');
  return storage.run(merge(storage.getStore() ?? EMPTY, attributes), fn);
}

/** The attributes of the current log context (frozen); empty outside any `withLogContext`. */
export function getLogContext(): LogContextAttributes {
  return storage.getStore() ?? EMPTY;
}

function merge(parent: LogContextAttributes, attributes: Readonly<Record<string, unknown>> | null | undefined): LogContextAttributes {
  if (attributes === null || attributes === undefined || typeof attributes !== 'object') return parent;
  const merged: Record<string, unknown> = { ...parent };
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (value !== undefined) merged[key] = value;
  }
  return Object.freeze(merged);
}
