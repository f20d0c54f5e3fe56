import { localCollector } from './collector.ts';
import { startTelemetry } from './telemetry.ts';

const receiver = await localCollector();
const { provider, logweave } = startTelemetry(receiver?.url);

// Imported only now, after the instrumentation: pino is patched as it loads.
const { restock } = await import('./inventory.ts');
restock();
await provider.shutdown();

const stats = logweave.stats();
console.log(`\npino: ${stats.received} records bridged, ${stats.forwarded} exported${receiver === undefined ? '' : `, ${receiver.records().length} received`}`);
await receiver?.close();
