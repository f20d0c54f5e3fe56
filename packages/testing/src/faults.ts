/** What the test receiver does instead of (or before) accepting a request. */
export type Fault =
  /** Answers with this HTTP status (e.g. 429, 503 with Retry-After, 400) after reading the body. */
  | { kind: 'status'; status: number; retryAfter?: number | string }
  /** Waits this long, then handles the request normally (a slow collector). */
  | { kind: 'delay'; ms: number }
  /** Accepts the request but reports this many records rejected (OTLP partial success). */
  | { kind: 'partial-success'; rejected: number; message: string }
  /** Destroys the connection as soon as the body starts arriving (connection reset mid-body). */
  | { kind: 'reset' }
  /** Reads the request and never answers (until the receiver closes). */
  | { kind: 'hang' };

export interface FaultRule {
  fault: Fault;
  /** How many requests it applies to, from now on. */
  remaining: number;
}

/** Applies faults in the order injected, each to its next `times` requests. */
export class FaultQueue {
  readonly #rules: FaultRule[] = [];

  add(fault: Fault, times: number): void {
    if (!(times > 0)) throw new TypeError('otlpReceiver: inject times must be a positive number or Infinity');
    this.#rules.push({ fault, remaining: times });
  }

  clear(): void {
    this.#rules.length = 0;
  }

  next(): Fault | undefined {
    const rule = this.#rules[0];
    if (rule === undefined) return undefined;
    if (--rule.remaining <= 0) this.#rules.shift();
    return rule.fault;
  }
}
