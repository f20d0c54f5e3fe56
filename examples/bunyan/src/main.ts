import { localCollector } from './collector.ts';
import { startTelemetry } from './telemetry.ts';

const receiver = await localCollector();
const { provider, logweave } = startTelemetry(receiver?.url);

// Imported only now, after the instrumentation: bunyan is patched as it loads.
const { shipOrder } = await import('./shipping.ts');
shipOrder();
await provider.shutdown();

const stats = logweave.stats();
console.log(`\nbunyan: ${stats.received} records bridged, ${stats.forwarded} exported${receiver === undefined ? '' : `, ${receiver.records().length} received`}`);
await receiver?.close();
