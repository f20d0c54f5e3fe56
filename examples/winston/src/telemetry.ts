import { logs as apiLogs } from '@opentelemetry/api-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, type Pipeline } from '@logweave/core';
import { otlpSink } from '@logweave/otlp';
import { severity } from '@logweave/severity';

/**
 * A sdk-logs 3.x provider that @opentelemetry/winston-transport reaches. The transport emits
 * through the global provider of @opentelemetry/api-logs (the 0.2xx logs API), not through the
 * global of @opentelemetry/api 1.10 that sdk-logs 3.x and NodeSDK 0.30x register with: the two
 * are separate globals. The 3.x provider has the shape api-logs expects, so it is registered
 * there too.
 */
export function startTelemetry(endpoint: string | undefined): { provider: LoggerProvider; logweave: Pipeline } {
  const logweave = pipeline({
    // The transport already maps winston's npm, syslog and cli levels to numbers; the texts
    // become the data model's names and the original word is kept.
    stages: [severity({ overwriteText: true, originalTextAttribute: 'log.level' })],
    sink: otlpSink(endpoint === undefined ? {} : { endpoint }),
  });
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'billing' }),
    processors: [logweave],
  });
  apiLogs.setGlobalLoggerProvider(provider);
  return { provider, logweave };
}
