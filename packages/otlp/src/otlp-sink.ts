import type { Sink } from '@logweave/core';
import { OTLPLogExporter as JsonExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtobufExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { BatchLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { resolveOtlpSinkOptions, type OtlpSinkOptions } from './options.ts';

/**
 * A sink that batches records and exports them over OTLP/HTTP with the official exporters,
 * configured by its options or, where they are silent, by the OTEL_EXPORTER_OTLP_* variables.
 */
export function otlpSink(options: OtlpSinkOptions = {}): Sink {
  const config = resolveOtlpSinkOptions(options);
  // The exporters type `compression` as their own enum, whose values are these same strings.
  const exporterConfig = config.exporter as ConstructorParameters<typeof ProtobufExporter>[0];
  const exporter = config.protocol === 'http/json'
    ? new JsonExporter(exporterConfig)
    : new ProtobufExporter(exporterConfig);
  return new BatchLogRecordProcessor({ exporter, ...config.batch }) as Sink;
}
