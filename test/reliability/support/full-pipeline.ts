import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { attr, pipeline, severityAtLeast, type Stage } from '@logweave/core';
import { enrich } from '@logweave/enrich';
import { dedupe, minSeverity, rateLimit, sample } from '@logweave/filter';
import { otlpSink, type OtlpSinkOptions } from '@logweave/otlp';
import { parseBody } from '@logweave/parse';
import { redact } from '@logweave/redact';
import { route } from '@logweave/router';
import { severity } from '@logweave/severity';

/** Retries in milliseconds rather than the Collector's seconds, so tests wait little. */
export const QUICK_RETRY = { initialIntervalMillis: 20, maxIntervalMillis: 100, maxElapsedMillis: 10_000 };

/** The attribute every test record carries, to find it again at the receiver. */
export const ID = 'app.id';

/**
 * Every stage logweave has, in the order an application would put them, with settings that keep
 * every test record: parse a string body, normalise severity (body prefix included), enrich with
 * everything on, redact (last among the stages that add data, as its README asks), then the
 * filters (each lets through: minimum TRACE, every test record unique for dedupe, a rate nothing
 * reaches, ratio 1), then a router in front of an otlpSink.
 */
export function allStages(): Stage[] {
  return [
    parseBody({ keepOriginal: true }),
    severity({ sources: ['severityNumber', 'severityText', 'attributes', 'body'] }),
    enrich({
      recordUid: true,
      classify: true,
      baggage: true,
      attributes: { 'deployment.environment.name': 'test' },
      computed: { 'app.body.type': (record) => typeof record.body },
      resourceAttributes: ['service.name'],
    }),
    redact({ countAttribute: true }),
    minSeverity({ default: 'TRACE', byScope: { 'noisy.*': 'WARN' } }),
    dedupe({ windowMillis: 100 }),
    rateLimit({ ratePerSec: 1_000_000, perKey: 'tenant.id' }),
    sample({ ratio: 1, attribute: 'session.id' }),
  ];
}

/**
 * An SDK LoggerProvider whose one processor is a pipeline of `stages` (every stage by default)
 * ending in a router whose routes and default all lead to one otlpSink to `endpoint`.
 */
export function providerTo(endpoint: string, options: { stages?: Stage[]; sink?: OtlpSinkOptions } = {}) {
  const sink = otlpSink({ endpoint, scheduledDelayMillis: 20, retry: QUICK_RETRY, ...options.sink });
  const router = route({
    routes: [
      { name: 'security', when: attr('log.type', /^(security|audit)$/), to: sink },
      { name: 'errors', when: severityAtLeast('ERROR'), to: sink },
    ],
    default: sink,
  });
  const processor = pipeline({ stages: options.stages ?? allStages(), sink: router });
  const provider = new LoggerProvider({ processors: [processor] });
  return { provider, processor, sink, router, logger: provider.getLogger('reliability', '1.0.0') };
}
