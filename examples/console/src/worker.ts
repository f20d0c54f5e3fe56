/** A worker that only ever logs with console. */
export function runJobs(): void {
  console.log('worker started: %d jobs queued', 3);
  console.debug('job j-1 payload: %o', { sku: 'SKU-42', quantity: 2 });
  console.info('job j-1 done in %d ms', 41);
  console.log('[warn] job j-2 retried: upstream slow');
  console.warn('disk 91% full on /var/lib/worker');
  console.error('job j-3 failed:', new Error('upstream returned 503'));
  console.log(JSON.stringify({ level: 'error', msg: 'job j-3 moved to the dead-letter queue', 'job.id': 'j-3' }));
}
