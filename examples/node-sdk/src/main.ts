import { logs, SeverityNumber, trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { pipeline } from '@logweave/core';
import { enrich } from '@logweave/enrich';
import { otlpSink } from '@logweave/otlp';
import { severity } from '@logweave/severity';
import { localCollector } from './collector.ts';

const receiver = await localCollector();
if (receiver !== undefined) {
  // The local receiver takes logs only; with a real collector NodeSDK sends traces and metrics too.
  process.env['OTEL_TRACES_EXPORTER'] ??= 'none';
  process.env['OTEL_METRICS_EXPORTER'] ??= 'none';
}

// The pipeline is one LogRecordProcessor: NodeSDK builds the LoggerProvider around it and
// registers that provider globally, so `logs.getLogger()` (and every log bridge) reaches it.
const logweave = pipeline({
  stages: [severity({ sources: ['severityNumber', 'severityText', 'body'] }), enrich({ recordUid: true })],
  sink: otlpSink(receiver === undefined ? {} : { endpoint: receiver.url }),
});
const sdk = new NodeSDK({ serviceName: 'checkout', logRecordProcessors: [logweave] });
sdk.start();

const logger = logs.getLogger('checkout', '1.4.0');
trace.getTracer('checkout').startActiveSpan('POST /checkout', (span) => {
  logger.emit({ severityNumber: SeverityNumber.INFO, body: 'checkout started', attributes: { 'user.id': 'u-1042' } });
  logger.emit({ severityText: 'warning', body: 'payment provider slow: 2300 ms' });
  logger.emit({ body: 'ERROR: card declined' });
  span.end();
});
// Flushes the pipeline; NodeSDK's shutdown rejects when its trace exporter cannot reach the collector.
await sdk.shutdown().catch((error: unknown) => console.error(`telemetry shutdown: ${String(error)}`));

const stats = logweave.stats();
console.log(`\nnode-sdk: ${stats.received} emitted, ${stats.forwarded} exported${receiver === undefined ? '' : `, ${receiver.records().length} received`}`);
await receiver?.close();
