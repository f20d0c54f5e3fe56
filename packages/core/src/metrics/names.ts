/**
 * Names of the self-metrics logweave reports: the OpenTelemetry semantic conventions for SDK
 * self-monitoring (`otel.sdk.*`, development status) where they fit, `logweave.*` for the rest.
 */
export const METRIC_LOG_CREATED = 'otel.sdk.log.created';
export const METRIC_PROCESSOR_LOG_PROCESSED = 'otel.sdk.processor.log.processed';
export const METRIC_PROCESSOR_LOG_QUEUE_SIZE = 'otel.sdk.processor.log.queue.size';
export const METRIC_PROCESSOR_LOG_QUEUE_CAPACITY = 'otel.sdk.processor.log.queue.capacity';
export const METRIC_EXPORTER_LOG_INFLIGHT = 'otel.sdk.exporter.log.inflight';
export const METRIC_EXPORTER_LOG_EXPORTED = 'otel.sdk.exporter.log.exported';
export const METRIC_EXPORTER_OPERATION_DURATION = 'otel.sdk.exporter.operation.duration';

export const METRIC_STAGE_DROPPED = 'logweave.stage.dropped';
export const METRIC_SINK_DROPPED = 'logweave.sink.dropped';
export const METRIC_REDACT_REDACTIONS = 'logweave.redact.redactions';
export const METRIC_DURABLE_BACKLOG_SIZE = 'logweave.durable.backlog.size';
export const METRIC_DURABLE_BACKLOG_AGE = 'logweave.durable.backlog.age';
export const METRIC_DURABLE_BACKLOG_RECORDS = 'logweave.durable.backlog.records';
export const METRIC_EXPORTER_RETRIES = 'logweave.exporter.retries';

export const UNIT_LOG_RECORD = '{log_record}';
export const UNIT_SECONDS = 's';
export const UNIT_BYTES = 'By';

export const ATTR_COMPONENT_TYPE = 'otel.component.type';
export const ATTR_COMPONENT_NAME = 'otel.component.name';
export const ATTR_ERROR_TYPE = 'error.type';
export const ATTR_SERVER_ADDRESS = 'server.address';
export const ATTR_SERVER_PORT = 'server.port';
export const ATTR_HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code';
export const ATTR_RPC_STATUS_CODE = 'rpc.status_code';
export const ATTR_STAGE_NAME = 'logweave.stage.name';
export const ATTR_DROP_REASON = 'logweave.drop.reason';
export const ATTR_REDACT_DETECTOR = 'logweave.redact.detector';

/** `error.type` of a record emitted after shutdown, as the conventions require. */
export const ERROR_ALREADY_SHUTDOWN = 'already_shutdown';
/** `error.type` of a record a sink's queue had no room for, as the conventions require. */
export const ERROR_QUEUE_FULL = 'queue_full';
/** `logweave.drop.reason` of a record a stage stopped by returning DROP. */
export const DROP_REASON_FILTERED = 'filtered';

/** `otel.component.type` of a logweave pipeline (a LogRecordProcessor the conventions do not name). */
export const COMPONENT_PIPELINE = 'logweave.pipeline';
