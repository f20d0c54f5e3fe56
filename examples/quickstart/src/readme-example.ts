// The example of the root README, run by test/readme-example.test.ts: keep the two the same.
import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { detectResources, envDetector } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, shutdownOnExit } from '@logweave/core';
import { severity } from '@logweave/severity';
import { enrich } from '@logweave/enrich';
import { redact } from '@logweave/redact';
import { minSeverity, dedupe } from '@logweave/filter';
import { otlpSink } from '@logweave/otlp';

diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN); // logweave reports every loss and failing delivery here
const logs = pipeline({
  stages: [severity(), minSeverity('INFO'), enrich({ recordUid: true, classify: true }), redact(), dedupe({ windowMillis: 5_000 })],
  sink: otlpSink({ compression: 'gzip', durable: { dir: 'logweave-queue' } }), // OTEL_EXPORTER_OTLP_ENDPOINT, or http://localhost:4318
});
const provider = new LoggerProvider({ resource: detectResources({ detectors: [envDetector] }), processors: [logs] });
shutdownOnExit(provider);
provider.getLogger('shop').emit({ severityText: 'warning', body: 'card declined for jane@example.com' });
// collector up: SeverityNumber 13 (WARN; severityText "warning" kept), body "card declined for [REDACTED]", log.record.uid, log.type, service.name from OTEL_SERVICE_NAME
// collector down: "logweave sink …: delivery failing: ECONNREFUSED …" on stderr; the record waits in ./logweave-queue for a later start
