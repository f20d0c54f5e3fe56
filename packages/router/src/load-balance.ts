import type { EncodedRequest, LogRecordLike, OtlpEncoding, SendResult, Target, TargetStats } from '@logweave/core';
import { resolveComposite, type CompositeOptions } from './internal/composite-options.ts';
import { Members } from './internal/members.ts';

export interface LoadBalanceOptions extends CompositeOptions {
  /**
   * 'roundRobin': requests take turns. 'traceId': the records of one trace go to the same member
   * while it is up; while it is down they go to the next live member in the list, and back once
   * it accepts again. Records without a trace take turns.
   * @default 'roundRobin'
   */
  by?: 'roundRobin' | 'traceId';
}

/**
 * A target that spreads requests over its members; a member that fails is passed over until it
 * recovers, and its requests go to the next live member. Give it to a sink:
 * `otlpSink({ target: loadBalance([a, b], { by: 'traceId' }) })`.
 */
export function loadBalance(targets: readonly Target[], options: LoadBalanceOptions = {}): Target {
  return new LoadBalanceTarget(targets, options);
}

class LoadBalanceTarget implements Target {
  readonly name: string;
  readonly encoding: OtlpEncoding;
  readonly routingKey?: (record: LogRecordLike) => number;
  readonly #members: Members;
  #turn = 0;

  constructor(targets: readonly Target[], options: LoadBalanceOptions) {
    const resolved = resolveComposite('loadBalance', targets, options);
    const by = options.by ?? 'roundRobin';
    if (by !== 'roundRobin' && by !== 'traceId') {
      throw new TypeError(`loadBalance: by must be 'roundRobin' or 'traceId'; got '${String(by)}'`);
    }
    this.name = resolved.name;
    this.encoding = resolved.encoding;
    this.#members = new Members(targets, resolved.cooldownMillis);
    if (by === 'traceId') this.routingKey = traceKey(targets.length);
  }

  /** Key 0 (no trace, or round robin) takes turns; a trace's key always starts at the same member. */
  send(request: EncodedRequest, signal: AbortSignal): Promise<SendResult> {
    const size = this.#members.size;
    let start = (request.key - 1) % size;
    if (request.key === 0) {
      start = this.#turn;
      this.#turn = (this.#turn + 1) % size;
    }
    return this.#members.sendRound(request, signal, start);
  }

  stats(): TargetStats[] {
    return this.#members.stats();
  }

  close(): Promise<void> {
    return this.#members.close();
  }
}

/**
 * 1 + the member a trace belongs to (the low 32 bits of its trace id, which W3C trace context
 * keeps random, modulo the members); 0 for a record without a trace. Keys are as few as members,
 * so that a batch becomes at most one request per member (and one for records without a trace).
 * A durable sink stores the key: after a restart with the same members a replay goes where the
 * first send went.
 */
function traceKey(members: number): (record: LogRecordLike) => number {
  return (record) => {
    const traceId = record.spanContext?.traceId;
    if (traceId === undefined) return 0;
    const low = Number.parseInt(traceId.slice(-8), 16);
    return Number.isNaN(low) ? 0 : (low % members) + 1;
  };
}
