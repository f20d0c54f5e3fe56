import { localCollector } from './collector.ts';
import { startTelemetry } from './telemetry.ts';
import { runJobs } from './worker.ts';

const receiver = await localCollector();
const { provider, logweave, capture } = startTelemetry(receiver?.url);
runJobs();
capture.disable();
await provider.shutdown();

const stats = logweave.stats();
console.log(`\nconsole: ${stats.received} console calls captured, ${stats.forwarded} exported${receiver === undefined ? '' : `, ${receiver.records().length} received`}`);
await receiver?.close();
