/**
 * Memory of bufferUntilError under 10 000 concurrent contexts (traces), each holding DEBUG/INFO
 * records of a realistic size, through a real LoggerProvider. Prints heap and RSS growth after GC.
 *
 *   npx -y pnpm@12.4.2 exec node --expose-gc packages/filter/scripts/buffer-memory.ts [recordsPerContext] [maxBytes]
 */
import { createHash } from 'node:crypto';
import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, SeverityNumber } from '@logweave/core';
import { memorySink } from '@logweave/testing';
import { bufferUntilError } from '../src/index.ts';

const CONTEXTS = 10_000;
const perContext = Number(process.argv[2] ?? 20);
const maxBytes = process.argv[3] === undefined ? undefined : Number(process.argv[3]);

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

function settle(): NodeJS.MemoryUsage {
  for (let i = 0; i < 3; i++) gc!();
  return process.memoryUsage();
}

const stage = bufferUntilError(maxBytes === undefined ? {} : { maxBytes });
const provider = new LoggerProvider({ processors: [pipeline({ stages: [stage], sink: memorySink() })] });
const logger = provider.getLogger('checkout', '1.2.0');
const contexts = Array.from({ length: CONTEXTS }, (_, i) =>
  trace.setSpanContext(ROOT_CONTEXT, {
    traceId: createHash('sha256').update(`trace ${i}`).digest('hex').slice(0, 32),
    spanId: '00f067aa0ba902b7',
    traceFlags: TraceFlags.SAMPLED,
  }),
);

const before = settle();
for (let step = 0; step < perContext; step++) {
  for (let i = 0; i < CONTEXTS; i++) {
    logger.emit({
      severityNumber: step % 4 === 0 ? SeverityNumber.INFO : SeverityNumber.DEBUG,
      body: `step ${step} of request ${i}: fetched 3 rows from inventory in 12 ms (cache miss)`,
      attributes: { 'http.route': '/api/orders/:id', 'db.system': 'postgresql', 'user.id': `u-${i}`, 'rows': 3, 'cache.hit': false },
      context: contexts[i]!,
    });
  }
}
const after = settle();
const stats = stage.stats();
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
console.log(JSON.stringify({
  contexts: stats.contexts,
  bufferedRecords: stats.bufferedRecords,
  estimatedMiB: mib(stats.bufferedBytes),
  droppedBy: stats.droppedBy,
  heapGrowthMiB: mib(after.heapUsed - before.heapUsed),
  rssGrowthMiB: mib(after.rss - before.rss),
  rssMiB: mib(after.rss),
  heapBytesPerRecord: Math.round((after.heapUsed - before.heapUsed) / stats.bufferedRecords),
  estimatedBytesPerRecord: Math.round(stats.bufferedBytes / stats.bufferedRecords),
}));
await provider.shutdown();
