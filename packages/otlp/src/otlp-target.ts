import type { EncodedRequest, OtlpEncoding, SendResult, Target } from '@logweave/core';
import { transportTarget } from './transport/transport-options.ts';
import { resolveTargetOptions, type OtlpTargetOptions, type ResolvedTargetOptions } from './target-options.ts';

/** An OTLP endpoint as a part: a sink, failover() or loadBalance() sends encoded requests to it. */
export interface OtlpTarget extends Target {
  /** The logs URL requests are posted to. */
  readonly url: string;
}

/**
 * One OTLP logs endpoint (HTTP protobuf or JSON, or gRPC), configured by its options or, where
 * they are silent, by the OTEL_EXPORTER_OTLP_* variables. It holds no queue: give it to
 * `otlpSink({ target })`, alone or inside a failover() or loadBalance().
 */
export function otlpTarget(options: OtlpTargetOptions = {}): OtlpTarget {
  return new OtlpEndpointTarget(resolveTargetOptions(options, 'otlpTarget'));
}

/** Resolved options to a target, for a sink that names its endpoint inline. */
export function targetFromResolved(options: ResolvedTargetOptions): OtlpTarget {
  return new OtlpEndpointTarget(options);
}

class OtlpEndpointTarget implements OtlpTarget {
  readonly name: string;
  readonly encoding: OtlpEncoding;
  readonly url: string;
  readonly #http: Target;
  #closed = false;

  constructor(options: ResolvedTargetOptions) {
    this.name = options.name;
    this.url = options.url.href;
    this.#http = transportTarget(options);
    this.encoding = this.#http.encoding;
  }

  async send(request: EncodedRequest, signal: AbortSignal): Promise<SendResult> {
    if (this.#closed) return { ok: false, retryable: false, error: `${this.name}: target closed` };
    try {
      return await this.#http.send(request, signal);
    } catch (error) {
      return { ok: false, retryable: !signal.aborted, error: error instanceof Error ? error.message : String(error) };
    }
  }

  close(): Promise<void> {
    this.#closed = true;
    return this.#http.close();
  }
}
