import { runInvoices } from './billing.ts';
import { localCollector } from './collector.ts';
import { startTelemetry } from './telemetry.ts';

const receiver = await localCollector();
const { provider, logweave } = startTelemetry(receiver?.url);
runInvoices();
await provider.shutdown();

const stats = logweave.stats();
console.log(`\nwinston: ${stats.received} records through the transport, ${stats.forwarded} exported${receiver === undefined ? '' : `, ${receiver.records().length} received`}`);
await receiver?.close();
