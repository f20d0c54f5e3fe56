import { resourceFromAttributes } from '@opentelemetry/resources';
import * as current from '@opentelemetry/sdk-logs';
import * as legacy from 'sdk-logs-0.223';
import { startDevReceiver } from '@logweave/dev';
import { fullPipeline } from './pipeline.ts';
import { emitRecords } from './records.ts';

/** `node src/main.ts 0.223` runs the pipeline on sdk-logs 0.223.x; without an argument, on 3.x. */
const line = process.argv[2] === '0.223' ? '0.223' : '3.x';
const sdk = line === '0.223' ? legacy : current;
// Without a collector given, a local receiver prints what arrives.
const receiver = process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] === undefined ? await startDevReceiver({ port: 0 }) : undefined;
const main = receiver?.url ?? process.env['OTEL_EXPORTER_OTLP_ENDPOINT']!;
const security = process.env['SECURITY_OTLP_ENDPOINT'] ?? main;

const logweave = fullPipeline(main, security);
const provider = new sdk.LoggerProvider({
  resource: resourceFromAttributes({ 'service.name': 'shop', 'service.version': '2.0.0' }),
  processors: [logweave],
});
emitRecords(provider.getLogger('shop.http', '1.0.0'), provider.getLogger('shop.db'));
await provider.shutdown();

const stats = logweave.stats();
console.log(`sdk-matrix on sdk-logs ${line}: ${stats.received} emitted, ${stats.forwarded} exported, dropped ${JSON.stringify(stats.droppedBy)}`);
await receiver?.close();
