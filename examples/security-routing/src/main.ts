import { SeverityNumber } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { attr, pipeline } from '@logweave/core';
import { enrich } from '@logweave/enrich';
import { otlpSink } from '@logweave/otlp';
import { redact } from '@logweave/redact';
import { route } from '@logweave/router';
import { collectors } from './collectors.ts';

const { main, security, local } = await collectors();
// Each destination has its own queue: a SIEM that is slow or down never holds up the main collector.
const router = route({
  routes: [{ name: 'security', when: attr('log.type', /^(security|audit)$/), to: otlpSink({ endpoint: security, name: 'siem' }) }],
  default: otlpSink({ endpoint: main, name: 'main' }),
});
const logweave = pipeline({
  // classify sets log.type (security, audit, network, system, application); redact keeps
  // addresses and secrets out of both collectors.
  stages: [enrich({ classify: true }), redact()],
  sink: router,
});
const provider = new LoggerProvider({ resource: resourceFromAttributes({ 'service.name': 'accounts' }), processors: [logweave] });

const logger = provider.getLogger('accounts');
const info = (body: string, attributes = {}) => logger.emit({ severityNumber: SeverityNumber.INFO, body, attributes });
info('GET /profile 200', { 'http.response.status_code': 200 });
info('user alice logged in', { 'user.id': 'alice' });
logger.emit({ severityNumber: SeverityNumber.WARN, body: 'login failed for bob@example.com: wrong password', attributes: { 'client.address': '203.0.113.9' } });
info('role admin granted to carol by alice');
logger.emit({ severityNumber: SeverityNumber.WARN, body: 'GET /admin/users 403', attributes: { 'http.response.status_code': 403 } });
logger.emit({ severityNumber: SeverityNumber.ERROR, body: 'connection refused by postgres:5432' });
info('export finished', { 'api.token': 'sk_live_51HqLyjWDarjtT1zdp7dc' });
await provider.shutdown();

const { routed, defaulted } = router.stats();
console.log(`\nsecurity-routing: ${routed['security']} records to the SIEM (${security}), ${defaulted} to the main collector (${main})`);
await Promise.all(local.map((r) => r.close()));
