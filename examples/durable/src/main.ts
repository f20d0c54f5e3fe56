import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline } from '@logweave/core';
import { startDevReceiver, type DevReceiver } from '@logweave/dev';
import { otlpSink, type DurableStats } from '@logweave/otlp';
import { placeOrders } from './orders.ts';

const external = process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
const dir = process.env['LOGWEAVE_QUEUE_DIR'] ?? join(tmpdir(), 'logweave-example-durable');
const run = process.env['RUN_ID'] ?? String(process.pid);
const intervalMs = Number(process.env['EMIT_INTERVAL_MS'] ?? 200);

let receiver: DevReceiver | undefined = external === undefined ? await startDevReceiver({ port: 0 }) : undefined;
const sink = otlpSink({
  ...(receiver === undefined ? {} : { endpoint: receiver.url }),
  // Every batch goes to a write-ahead queue on disk first, and leaves it once the collector took it.
  durable: { dir, fsync: 'always' },
  scheduledDelayMillis: 100,
  // Shorter waits than the default (5 s, growing to 30 s) so the demo recovers quickly; still for ever.
  retry: { initialIntervalMillis: 200, maxIntervalMillis: 1000, maxElapsedMillis: 0 },
});
const provider = new LoggerProvider({ resource: resourceFromAttributes({ 'service.name': 'orders' }), processors: [pipeline({ sink })] });
const orders = placeOrders(provider.getLogger('orders'), run, intervalMs);

const report = (prefix: string) => {
  const s = sink.stats() as DurableStats;
  console.log(`${prefix} emitted ${orders.emitted()}, persisted ${s.persisted}, on disk ${s.onDisk}, exported ${s.exported}, replayed ${s.replayed}`);
};
const reporter = setInterval(() => report('durable:'), 250);

async function stop(): Promise<void> {
  orders.stop();
  clearInterval(reporter);
  await provider.shutdown();
  report('durable: stopped;');
  await receiver?.close();
}

if (receiver === undefined) {
  // With your own collector: stop it and start it again while this runs, then press Ctrl-C.
  const onSignal = () => void stop().then(() => process.exit(0));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
} else {
  // On its own: a scripted outage of the local receiver.
  const { port } = receiver;
  await sleep(1500);
  console.log('durable: -- collector down --');
  await receiver.close();
  await sleep(2000);
  console.log('durable: -- collector up again --');
  receiver = await startDevReceiver({ port });
  await sleep(2000);
  await stop();
}
