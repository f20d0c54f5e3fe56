import { attr, pipeline, type LogRecordLike, type Pipeline } from '@logweave/core';
import { enrich } from '@logweave/enrich';
import { dedupe, drop, minSeverity, rateLimit, sample } from '@logweave/filter';
import { otlpSink } from '@logweave/otlp';
import { parseBody } from '@logweave/parse';
import { redact } from '@logweave/redact';
import { route } from '@logweave/router';
import { severity } from '@logweave/severity';

/** Every package in one pipeline, as an application would set it up; nothing in it names an SDK line. */
export function fullPipeline(mainEndpoint: string, securityEndpoint: string): Pipeline {
  const sink = route({
    routes: [{ name: 'security', when: attr('log.type', 'security'), to: otlpSink({ endpoint: securityEndpoint, compression: 'gzip' }) }],
    default: otlpSink({ endpoint: mainEndpoint, protocol: 'http/json' }),
  });
  return pipeline({
    stages: [
      parseBody({ formats: ['json', 'logfmt'] }),
      severity({ sources: ['severityNumber', 'severityText', 'attributes', 'body'], overwriteText: true }),
      enrich({ attributes: { 'deployment.environment.name': 'matrix' }, classify: true, resourceAttributes: ['service.name'] }),
      redact({ countAttribute: true }),
      minSeverity({ default: 'INFO', byScope: { 'shop.db': 'WARN' } }),
      drop(attr('url.path', '/healthz')),
      dedupe({ windowMillis: 60_000 }),
      // Two records per tenant, then a summary of what was suppressed; records of no tenant are exempt.
      rateLimit({ ratePerSec: 0.001, burst: 2, perKey: tenantOf }),
      // Half of the traces, all of a trace or none of it; WARN and above always; records without a trace kept.
      sample({ ratio: 0.5, unkeyed: 'keep' }),
    ],
    sink,
  });
}

function tenantOf(record: LogRecordLike): string | undefined {
  const tenant = record.attributes['tenant.id'];
  return typeof tenant === 'string' ? tenant : undefined;
}
