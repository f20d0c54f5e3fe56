import type { EncodedRequest, LogRecordLike, OtlpEncoding, SendResult, Target, TargetStats } from '@logweave/core';
import { resolveComposite, type CompositeOptions } from './internal/composite-options.ts';
import { Members } from './internal/members.ts';

export type FailoverOptions = CompositeOptions;

/**
 * A target that sends each request to the first member that is up, in the order given: to B
 * while A is failing, back to A once its cooldown has passed and it accepts again. Give it to a
 * sink: `otlpSink({ target: failover([a, b]) })`.
 */
export function failover(targets: readonly Target[], options: FailoverOptions = {}): Target {
  return new FailoverTarget(targets, options);
}

class FailoverTarget implements Target {
  readonly name: string;
  readonly encoding: OtlpEncoding;
  readonly routingKey?: (record: LogRecordLike) => number;
  readonly #members: Members;

  constructor(targets: readonly Target[], options: FailoverOptions) {
    const resolved = resolveComposite('failover', targets, options);
    this.name = resolved.name;
    this.encoding = resolved.encoding;
    this.#members = new Members(targets, resolved.cooldownMillis);
    // A member that routes by key (a loadBalance by trace id) still needs the batches split.
    const keyed = targets.find((t) => t.routingKey !== undefined);
    if (keyed !== undefined) this.routingKey = keyed.routingKey!.bind(keyed);
  }

  send(request: EncodedRequest, signal: AbortSignal): Promise<SendResult> {
    return this.#members.sendRound(request, signal, 0);
  }

  stats(): TargetStats[] {
    return this.#members.stats();
  }

  close(): Promise<void> {
    return this.#members.close();
  }
}
