import { validateHeaderName, validateHeaderValue } from 'node:http';

/** Headers (HTTP) or metadata (gRPC) sent with every request. */
export type HeaderRecord = Record<string, string>;

/**
 * Fixed headers, or a function called before every request (an expiring bearer token). A
 * function that throws, rejects or returns something other than an object of strings fails that
 * one attempt, retryably; the sink counts and reports it like any failed attempt.
 */
export type HeadersOption = HeaderRecord | (() => HeaderRecord | Promise<HeaderRecord>);

/** Produces the headers of each request: what OTEL_EXPORTER_OTLP_(LOGS_)HEADERS say, under the option's. */
export class HeaderSource {
  readonly #fromEnv: HeaderRecord;
  readonly #option: HeadersOption;

  constructor(fromEnv: HeaderRecord, option: HeadersOption, component: string) {
    if (typeof option !== 'function') checkHeaders(option, `${component}: headers`, TypeError);
    this.#fromEnv = fromEnv;
    this.#option = option;
  }

  /** Rejects with a message fit for a failed attempt when the provider fails. */
  async resolve(): Promise<HeaderRecord> {
    if (typeof this.#option !== 'function') return { ...this.#fromEnv, ...this.#option };
    let provided: unknown;
    try {
      provided = await this.#option();
    } catch (error) {
      throw new Error(`headers provider failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { ...this.#fromEnv, ...checkHeaders(provided, 'headers provider', Error) };
  }
}

function checkHeaders(headers: unknown, what: string, Failure: ErrorConstructor): HeaderRecord {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) {
    throw new Failure(`${what} must be an object of strings (or a function returning one)`);
  }
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') throw new Failure(`${what}: '${name}' must be a string, got ${typeof value}`);
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch (error) {
      throw new Failure(`${what}: '${name}' cannot be sent: ${(error as Error).message}`);
    }
  }
  return headers as HeaderRecord;
}
