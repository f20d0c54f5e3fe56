import bunyan from 'bunyan';

/** A shipping service that logs with bunyan only: it knows nothing of OpenTelemetry. */
export function shipOrder(): void {
  const log = bunyan.createLogger({ name: 'shipping', level: 'debug' });
  log.debug('rates cached for 3 carriers');
  log.info({ 'order.id': 'o-981', carrier: 'dhl' }, 'label printed for %s', 'o-981');
  const parcel = log.child({ 'parcel.id': 'p-77' });
  parcel.warn({ 'weight.kg': 31.5 }, 'parcel over 30 kg: surcharge applied');
  parcel.error({ err: new Error('carrier API returned 503') }, 'pickup not booked');
  log.fatal('label printer offline');
}
