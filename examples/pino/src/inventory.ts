import { pino } from 'pino';

/** An inventory service that logs with pino only: it knows nothing of OpenTelemetry. */
export function restock(): void {
  const log = pino({ customLevels: { audit: 35 }, level: 'debug' });
  log.debug('cache warmed: 1204 products');
  log.info({ 'product.sku': 'SKU-42', quantity: 12 }, 'restocked %s', 'SKU-42');
  const job = log.child({ 'job.id': 'restock-7' });
  job.warn({ 'product.sku': 'SKU-9' }, 'supplier slow: 2300 ms');
  job.audit({ 'user.id': 'u-1042' }, 'stock level changed by hand');
  job.error(new Error('warehouse API timed out', { cause: new Error('ETIMEDOUT') }), 'restock failed');
}
