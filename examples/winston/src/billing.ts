import { OpenTelemetryTransportV3 } from '@opentelemetry/winston-transport';
import winston from 'winston';

/** A billing job that logs with winston and its syslog levels, to the console and to OpenTelemetry. */
export function runInvoices(): void {
  const log = winston.createLogger({
    levels: winston.config.syslog.levels,
    level: 'debug',
    defaultMeta: { 'service.component': 'invoices' },
    transports: [new winston.transports.Console({ format: winston.format.simple() }), new OpenTelemetryTransportV3()],
  });
  log.debug('loading 120 invoices');
  log.notice('invoice run started', { 'invoice.count': 120 });
  log.warning('currency rate stale', { currency: 'CHF', 'rate.age_hours': 26 });
  log.error('payment failed', { 'invoice.id': 'INV-7', error: new Error('card declined') });
  log.crit('ledger out of balance', { 'ledger.diff': 0.02 });
}
