import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { bodyMatches, DROP, pipeline, severityAtLeast, type Stage } from '@logweave/core';
import { startDevReceiver } from '@logweave/dev';
import { otlpSink } from '@logweave/otlp';
import { emitShopLogs } from './shop.ts';

// With OTEL_EXPORTER_OTLP_ENDPOINT set, records go to that collector; otherwise to a receiver
// started here that prints each one.
const external = process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
const receiver = external === undefined ? await startDevReceiver({ port: 0 }) : undefined;

const isDebug = severityAtLeast('INFO');
const isHealthCheck = bodyMatches('/healthz');
const stages: Stage[] = [
  { name: 'drop-debug', process: (record) => (isDebug(record) ? undefined : DROP) },
  { name: 'drop-health-checks', process: (record) => (isHealthCheck(record) ? DROP : undefined) },
  { name: 'tag-deployment', process: (record) => void record.setAttribute('deployment.environment.name', 'demo') },
];
const logs = pipeline({ stages, sink: otlpSink(receiver === undefined ? {} : { endpoint: receiver.url }) });
const provider = new LoggerProvider({
  resource: resourceFromAttributes({ 'service.name': 'shop', 'service.version': '1.4.0' }),
  processors: [logs],
});

emitShopLogs(provider.getLogger('shop.server'), provider.getLogger('shop.payments'));
await provider.shutdown();

const stats = logs.stats();
const destination = receiver?.logsUrl ?? external;
const received = receiver === undefined ? '' : `, ${receiver.records().length} received`;
const dropped = Object.entries(stats.droppedBy).map(([reason, n]) => `${n} by ${reason}`).join(', ');
console.log(`\nquickstart: ${stats.received} emitted, ${stats.forwarded} exported to ${destination}${received}; dropped ${dropped || 'none'}`);
await receiver?.close();
