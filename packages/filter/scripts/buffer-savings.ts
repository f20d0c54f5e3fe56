/**
 * What bufferUntilError saves on a realistic trace mix: 2 000 requests, each a trace of 1 INFO and
 * 12 DEBUG records (a 70-character body, five attributes); 2 % of them end with an ERROR. Compares
 * what reaches the sink with no stage, with bufferUntilError, and with sample({ ratio: 0.1 }) +
 * bufferUntilError (the sampled traces kept whole), through a real LoggerProvider.
 *
 *   npx -y pnpm@12.4.2 exec node packages/filter/scripts/buffer-savings.ts
 */
import { createHash } from 'node:crypto';
import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, SeverityNumber, type LogRecordLike, type Stage } from '@logweave/core';
import { bufferUntilError, sample } from '../src/index.ts';

const REQUESTS = 2_000;
const FAILING_EVERY = 50;

function bytesOf(records: readonly LogRecordLike[]): number {
  return records.reduce((sum, r) => sum + JSON.stringify([r.body, r.attributes]).length, 0);
}

async function run(stages: Stage[]): Promise<{ records: number; bytes: number; errorsWithStory: number }> {
  const kept: LogRecordLike[] = [];
  const sink = { onEmit: (r: LogRecordLike) => void kept.push(r), forceFlush: async () => {}, shutdown: async () => {} };
  const provider = new LoggerProvider({ processors: [pipeline({ stages, sink })] });
  const logger = provider.getLogger('checkout');
  for (let i = 0; i < REQUESTS; i++) {
    const context = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: createHash('sha256').update(`request ${i}`).digest('hex').slice(0, 32),
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });
    const attributes = { 'http.route': '/api/orders/:id', 'db.system': 'postgresql', 'user.id': `u-${i}`, rows: 3, 'cache.hit': false };
    logger.emit({ severityNumber: SeverityNumber.INFO, body: `request ${i}: POST /api/orders accepted, validating cart`, attributes, context });
    for (let step = 0; step < 12; step++) {
      logger.emit({ severityNumber: SeverityNumber.DEBUG, body: `request ${i} step ${step}: fetched 3 rows from inventory in 12 ms`, attributes, context });
    }
    if (i % FAILING_EVERY === 0) logger.emit({ severityNumber: SeverityNumber.ERROR, body: `request ${i}: inventory timed out`, attributes, context });
  }
  await provider.shutdown();
  const failing = new Set(kept.filter((r) => r.severityNumber === SeverityNumber.ERROR).map((r) => r.spanContext?.traceId));
  const storyCounts = new Map<string, number>();
  for (const r of kept) {
    const id = r.spanContext?.traceId;
    if (id !== undefined && failing.has(id) && (r.severityNumber ?? 0) < SeverityNumber.WARN) storyCounts.set(id, (storyCounts.get(id) ?? 0) + 1);
  }
  const errorsWithStory = [...storyCounts.values()].filter((n) => n === 13).length;
  return { records: kept.length, bytes: bytesOf(kept), errorsWithStory };
}

const all = await run([]);
const buffered = await run([bufferUntilError()]);
const sampler = sample({ ratio: 0.1 });
const sampledAndBuffered = await run([bufferUntilError({ passWhen: (r) => sampler.keeps(r) }), sampler]);
const share = (n: number) => `${((100 * n) / all.bytes).toFixed(1)} %`;
console.log(JSON.stringify({
  requests: REQUESTS,
  failing: REQUESTS / FAILING_EVERY,
  everything: all,
  bufferUntilError: { ...buffered, bytesShare: share(buffered.bytes) },
  sample10AndBuffer: { ...sampledAndBuffered, bytesShare: share(sampledAndBuffered.bytes) },
}));
