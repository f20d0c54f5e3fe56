import { SeverityNumber, type Logger } from '@opentelemetry/api';

/** Emits one order record every `intervalMs` until stopped; returns how many it emitted. */
export function placeOrders(logger: Logger, run: string, intervalMs: number): { emitted(): number; stop(): void } {
  let emitted = 0;
  const timer = setInterval(() => {
    emitted++;
    logger.emit({
      severityNumber: SeverityNumber.INFO,
      body: `order ${run}-${emitted} placed`,
      attributes: { 'app.run': run, 'order.number': emitted },
    });
  }, intervalMs);
  return { emitted: () => emitted, stop: () => clearInterval(timer) };
}
