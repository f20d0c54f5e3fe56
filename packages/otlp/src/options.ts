import type { MeterProvider } from '@opentelemetry/api';
import { assertTarget, readBlrpEnv, type Target } from '@logweave/core';
import { resolveDurableOptions, type DurableOptions, type ResolvedDurableOptions } from './durable/durable-options.ts';
import { resolveRetry } from './internal/retry.ts';
import { resolveQueueOptions, type QueueOptions, type ResolvedQueueOptions } from './queue-options.ts';
import { resolveTargetOptions, TARGET_OPTION_NAMES, type OtlpTargetOptions, type ResolvedTargetOptions } from './target-options.ts';
import { assertMeterProvider } from './internal/meter-provider-option.ts';

export type { OtlpProtocol } from './target-options.ts';

/**
 * A sink for one target: `target` (an otlpTarget(), failover() or loadBalance()), or the endpoint
 * options inline as a shorthand for `target: otlpTarget({ … })`.
 */
export interface OtlpSinkOptions extends QueueOptions, OtlpTargetOptions {
  /** Where requests go. Not together with the endpoint options. @default otlpTarget(the endpoint options) */
  target?: Target;
  /** Names the sink in stats and error reports. @default the target's name */
  name?: string;
  /** Which OTLP encoder writes the requests: logweave's, or the official otlp-transformer serializer. @default 'logweave' */
  encoder?: 'logweave' | 'official';
  /**
   * Keep batches in a write-ahead queue on disk until the target accepts them, across outages
   * and restarts. Retries then default to never giving up (`maxElapsedMillis: 0`).
   */
  durable?: DurableOptions;
  /**
   * Encode each batch in a worker thread, off the event loop (the records are copied when the
   * batch is handed over); in-thread where worker threads are unavailable. Not with `durable`
   * or `encoder: 'official'`.
   * @default false
   */
  worker?: boolean;
  /** Where the sink's self-metrics go (`otel.sdk.processor.log.*`, `otel.sdk.exporter.*`, `logweave.*`). @default the global MeterProvider when the sink is built */
  meterProvider?: MeterProvider;
}

export interface ResolvedOtlpSinkOptions extends ResolvedQueueOptions {
  name: string;
  /** A target given, or the options of the one to make. */
  target: Target | ResolvedTargetOptions;
  encoder: 'logweave' | 'official';
  durable: ResolvedDurableOptions | undefined;
  meterProvider: MeterProvider | undefined;
  worker: boolean;
}

export function resolveOtlpSinkOptions(options: OtlpSinkOptions, env = process.env): ResolvedOtlpSinkOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('otlpSink: options must be an object');
  assertMeterProvider(options.meterProvider, 'otlpSink');
  const target = resolveTarget(options, env);
  const name = options.name ?? target.name;
  if (typeof name !== 'string' || name === '') throw new TypeError('otlpSink: name must be a non-empty string');
  const encoder = options.encoder ?? 'logweave';
  if (encoder !== 'logweave' && encoder !== 'official') {
    throw new TypeError(`otlpSink: encoder must be 'logweave' or 'official'; got '${String(encoder)}'`);
  }
  const durable = options.durable === undefined ? undefined : resolveDurableOptions(options.durable);
  // Options first, then OTEL_BLRP_*, then logweave's defaults (see the README for where they differ).
  const queue = resolveQueueOptions(options, 'otlpSink', readBlrpEnv(env));
  if (durable !== undefined && options.retry === undefined) queue.retry = resolveRetry({ maxElapsedMillis: 0 }, 'otlpSink');
  const worker = options.worker ?? false;
  if (typeof worker !== 'boolean') throw new TypeError('otlpSink: worker must be a boolean');
  if (worker && durable !== undefined) throw new TypeError('otlpSink: worker and durable exclude each other (durable mode encodes in-thread)');
  if (worker && encoder === 'official') throw new TypeError("otlpSink: worker and encoder 'official' exclude each other");
  return { ...queue, name, target, encoder, durable, meterProvider: options.meterProvider, worker };
}

function resolveTarget(options: OtlpSinkOptions, env: NodeJS.ProcessEnv): Target | ResolvedTargetOptions {
  if (options.target === undefined) return resolveTargetOptions(options, 'otlpSink', env);
  const inline = TARGET_OPTION_NAMES.find((option) => options[option] !== undefined);
  if (inline !== undefined) {
    throw new TypeError(`otlpSink: target and ${inline} exclude each other (set ${inline} on the otlpTarget() given as target)`);
  }
  assertTarget(options.target, 'otlpSink', 'target');
  return options.target;
}
