import { startDevReceiver, type DevReceiver } from '@logweave/dev';

/**
 * The collector named by OTEL_EXPORTER_OTLP_ENDPOINT or, when it is unset, a receiver started
 * here that prints every record it gets: the example then runs with one command and no collector.
 */
export async function localCollector(): Promise<DevReceiver | undefined> {
  return process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] === undefined ? startDevReceiver({ port: 0 }) : undefined;
}
