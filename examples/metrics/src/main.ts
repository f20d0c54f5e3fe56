import { metrics, ROOT_CONTEXT, SeverityNumber, trace, TraceFlags } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { pipeline } from '@logweave/core';
import { startDevReceiver } from '@logweave/dev';
import { bufferUntilError } from '@logweave/filter';
import { otlpSink } from '@logweave/otlp';

// The collector named by OTEL_EXPORTER_OTLP_ENDPOINT, or a dev receiver started here: it prints the
// records and, from the metrics below, a health line (created, dropped by stage, queue, exported).
const receiver = process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] === undefined ? await startDevReceiver({ port: 0 }) : undefined;
const endpoint = receiver?.url ?? process.env['OTEL_EXPORTER_OTLP_ENDPOINT']!;

// OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, which a plain provider does not read by itself.
const resource = resourceFromAttributes({ 'service.name': 'checkout' }).merge(detectResources({ detectors: [envDetector] }));

// Registered globally before the pipeline is built: logweave takes the global MeterProvider then.
// The dev receiver reads OTLP/JSON, the default of the http exporter.
const meterProvider = new MeterProvider({
  resource,
  readers: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }), exportIntervalMillis: 1_000 })],
});
metrics.setGlobalMeterProvider(meterProvider);

const logweave = pipeline({
  name: 'checkout',
  stages: [bufferUntilError({ holdBelow: 'WARN', trigger: 'ERROR' })],
  sink: otlpSink({ endpoint }),
});
const loggerProvider = new LoggerProvider({ resource, processors: [logweave] });
const logger = loggerProvider.getLogger('checkout', '1.4.0');

// Ten requests, each in its own trace; the seventh fails. Only its debug story is kept.
for (let request = 1; request <= 10; request++) {
  const context = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: request.toString(16).padStart(32, 'a'),
    spanId: '00f067aa0ba902b7',
    traceFlags: TraceFlags.SAMPLED,
  });
  logger.emit({ severityNumber: SeverityNumber.DEBUG, body: `request ${request}: cart loaded`, context });
  logger.emit({ severityNumber: SeverityNumber.INFO, body: `request ${request}: payment authorised`, context });
  if (request === 7) logger.emit({ severityNumber: SeverityNumber.ERROR, body: 'request 7: inventory timed out', context });
}

// Logs first (the buffer discards what no error claimed, and counts it), then the last metrics.
await loggerProvider.shutdown();
await meterProvider.forceFlush();
await meterProvider.shutdown();

const stats = logweave.stats();
console.log(`\nmetrics: ${stats.received} emitted, ${stats.forwarded} exported, ${stats.dropped} dropped`);
await receiver?.close();
