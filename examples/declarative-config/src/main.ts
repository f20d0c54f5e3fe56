import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeverityNumber } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { ConfigError, loadPipeline } from '@logweave/config';
import { startDevReceiver } from '@logweave/dev';

const file = process.argv[2] ?? 'logweave.yaml';

// Without collectors given, two local receivers stand in for them, named through `env`.
const given = process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] !== undefined;
const local = given ? [] : [
  await startDevReceiver({ port: 0, write: (line) => void process.stdout.write(`[main] ${line}\n`) }),
  await startDevReceiver({ port: 0, write: (line) => void process.stdout.write(`[siem] ${line}\n`) }),
];
const env = {
  // The SIEM's durable queue: under the system's temporary directory rather than beside the file.
  LOGWEAVE_QUEUE_DIR: join(tmpdir(), 'logweave-example-config'),
  ...process.env,
  ...(given ? {} : { OTEL_EXPORTER_OTLP_ENDPOINT: local[0]!.url, SECURITY_OTLP_ENDPOINT: local[1]!.url }),
};

let loaded;
try {
  loaded = await loadPipeline(file, { env });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  await Promise.all(local.map((r) => r.close()));
  process.exit(1);
}

const provider = new LoggerProvider({ resource: resourceFromAttributes({ 'service.name': 'shop' }), processors: [loaded.processor] });
const logger = provider.getLogger('shop.http');
logger.emit({ body: '{"level":"warn","msg":"payment provider slow","tenant.id":"acme","duration_ms":2300}' });
logger.emit({ body: 'level=error msg="login failed for bob@example.com" tenant.id=acme' });
logger.emit({ severityNumber: SeverityNumber.INFO, body: 'GET /healthz 200', attributes: { 'url.path': '/healthz' } });
logger.emit({ severityText: 'debug', body: 'cache miss for SKU-42' });
logger.emit({ body: 'ERROR: order 7 failed: card declined', attributes: { 'tenant.id': 'globex' } });
logger.emit({ severityText: 'notice', body: 'role admin granted to carol', attributes: { 'user.id': 'alice' } });
await provider.shutdown();

const { pipeline, route } = loaded.stats();
console.log(`\ndeclarative-config: ${pipeline.received} emitted; ${route?.routed['security']} to siem, ${route?.defaulted} to main; dropped ${JSON.stringify(pipeline.droppedBy)}`);
await Promise.all(local.map((r) => r.close()));
