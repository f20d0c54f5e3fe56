import type { AddressInfo } from 'node:net';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, shutdownOnExit } from '@logweave/core';
import { enrich } from '@logweave/enrich';
import { otlpSink } from '@logweave/otlp';
import { ordersApp } from './app.ts';
import { localCollector } from './collector.ts';

const receiver = await localCollector();
const provider = new LoggerProvider({
  resource: resourceFromAttributes({ 'service.name': 'orders-api' }),
  // enrich() copies the request's log context onto every record.
  processors: [pipeline({ stages: [enrich({ recordUid: true })], sink: otlpSink(receiver === undefined ? {} : { endpoint: receiver.url }) })],
});
// On Ctrl-C or SIGTERM: flush every record, then exit.
shutdownOnExit(provider);

const server = ordersApp(provider.getLogger('orders-api')).listen(Number(process.env['PORT'] ?? 3000), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`express: listening on http://127.0.0.1:${port}`);
  console.log(`try: curl -H 'x-user-id: u-1042' http://127.0.0.1:${port}/orders/42`);
});
