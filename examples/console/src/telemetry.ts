import { logs as apiLogs } from '@opentelemetry/api-logs';
import { ConsoleInstrumentation } from '@opentelemetry/instrumentation-console';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, type Pipeline } from '@logweave/core';
import { otlpSink } from '@logweave/otlp';
import { parseBody } from '@logweave/parse';
import { severity } from '@logweave/severity';

export interface Telemetry {
  provider: LoggerProvider;
  logweave: Pipeline;
  /** Patches console.trace/debug/log/info/warn/error/dir; each call still prints. */
  capture: ConsoleInstrumentation;
}

/**
 * Captures `console` with @opentelemetry/instrumentation-console, which emits through the
 * global provider of @opentelemetry/api-logs: a separate global from the one of
 * @opentelemetry/api 1.10 that sdk-logs 3.x registers with, so the 3.x provider is registered
 * there as well (it has the shape api-logs expects).
 */
export function startTelemetry(endpoint: string | undefined): Telemetry {
  const logweave = pipeline({
    stages: [
      // console.log(JSON.stringify({ level, msg, … })) becomes a structured record.
      parseBody({ formats: ['json'] }),
      // The method gives a severity (log → INFO, error → ERROR), but a body that starts with a
      // level ("[warn] …", "ERROR: …") says better what the line is.
      severity({ sources: ['body', 'severityNumber'], overwriteText: true }),
    ],
    sink: otlpSink(endpoint === undefined ? {} : { endpoint }),
  });
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ 'service.name': 'worker' }), processors: [logweave] });
  apiLogs.setGlobalLoggerProvider(provider);
  // Enabled as it is built: from here on console calls become records.
  const capture = new ConsoleInstrumentation();
  return { provider, logweave, capture };
}
