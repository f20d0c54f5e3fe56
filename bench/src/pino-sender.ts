import pino from 'pino';
import type { EmitArgs } from './records.ts';

/** pino's level for each of the bench's mixed severity texts (pino takes only its own names). */
function pinoLevel(severityText: string): 'debug' | 'info' | 'warn' | 'error' | 'fatal' {
  const text = severityText.toLowerCase();
  if (text.startsWith('d')) return 'debug';
  if (text.startsWith('w')) return 'warn';
  if (text.startsWith('e')) return 'error';
  if (text.startsWith('c')) return 'fatal';
  return 'info';
}

/**
 * What a pino user would pick to send OTLP: pino with pino-opentelemetry-transport, which runs
 * the stock SDK pipeline (BatchLogRecordProcessor + OTLP exporter) in a worker thread.
 */
export function pinoSender(endpoint: string): { emit: (args: EmitArgs) => void; close: () => Promise<void> } {
  const transport = pino.transport({
    target: 'pino-opentelemetry-transport',
    options: {
      resourceAttributes: { 'service.name': 'checkout', 'service.version': '4.2.0' },
      logRecordProcessorOptions: { recordProcessorType: 'batch', exporterOptions: { protocol: 'http/protobuf', protobufExporterOptions: { url: `${endpoint}/v1/logs` } } },
    },
  });
  const logger = pino({ level: 'debug' }, transport);
  return {
    emit: (args) => logger[pinoLevel(args.severityText)](args.attributes, args.body),
    close: () =>
      new Promise((resolve) => {
        transport.once('close', () => resolve());
        logger.flush(() => transport.end());
      }),
  };
}
