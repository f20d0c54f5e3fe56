import { register } from 'node:module';
import { logs } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, type Pipeline } from '@logweave/core';
import { enrich } from '@logweave/enrich';
import { otlpSink } from '@logweave/otlp';
import { severity } from '@logweave/severity';

/**
 * Sets up logs before the application is imported: pino must be loaded after its
 * instrumentation is enabled. The application is ESM, so the import-in-the-middle hook is
 * registered first; without it `import pino from 'pino'` is not patched and nothing is bridged.
 */
export function startTelemetry(endpoint: string | undefined): { provider: LoggerProvider; logweave: Pipeline } {
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const logweave = pipeline({
    stages: [
      // pino's levels arrive as SeverityNumbers already; the texts become the data model's names.
      severity({ overwriteText: true, originalTextAttribute: 'log.level' }),
      enrich({ recordUid: true }),
    ],
    sink: otlpSink(endpoint === undefined ? {} : { endpoint }),
  });
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'inventory' }),
    processors: [logweave],
  });
  // instrumentation-pino emits through @opentelemetry/api's global LoggerProvider.
  logs.setGlobalLoggerProvider(provider);
  registerInstrumentations({ instrumentations: [new PinoInstrumentation()] });
  return { provider, logweave };
}
