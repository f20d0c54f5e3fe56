import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { bodyMatches, pipeline } from '@logweave/core';
import { startDevReceiver } from '@logweave/dev';
import { captureExceptions, enrich } from '@logweave/enrich';
import { drop, minSeverity } from '@logweave/filter';
import { otlpSink } from '@logweave/otlp';
import { redact } from '@logweave/redact';
import { severity } from '@logweave/severity';
import { emitShopLogs } from './shop.ts';

// With OTEL_EXPORTER_OTLP_ENDPOINT set, records go to that collector; otherwise to a receiver
// started here that prints each one.
const external = process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
const receiver = external === undefined ? await startDevReceiver({ port: 0 }) : undefined;

const sink = otlpSink(receiver === undefined ? {} : { endpoint: receiver.url });
const logs = pipeline({
  stages: [
    severity({ sources: ['severityNumber', 'severityText', 'attributes', 'body'], overwriteText: true }),
    minSeverity('INFO'),
    drop({ when: bodyMatches('/healthz'), name: 'drop-health-checks' }),
    enrich({ attributes: { 'deployment.environment.name': 'demo' }, classify: true }),
    redact(),
  ],
  sink,
});
const provider = new LoggerProvider({
  resource: resourceFromAttributes({ 'service.name': 'shop', 'service.version': '1.4.0' }),
  processors: [logs],
});

// captureExceptions keeps an Error's cause chain, which the SDK alone would not record.
await emitShopLogs(provider.getLogger('shop.server'), captureExceptions(provider.getLogger('shop.payments')));
await provider.shutdown();

const stats = logs.stats();
const destination = receiver?.logsUrl ?? external;
const received = receiver === undefined ? '' : `, ${receiver.records().length} received`;
const dropped = Object.entries(stats.droppedBy).map(([reason, n]) => `${n} by ${reason}`).join(', ');
console.log(`\nquickstart: ${stats.received} emitted, ${sink.stats().exported} exported to ${destination}${received}; dropped ${dropped || 'none'}`);
await receiver?.close();
