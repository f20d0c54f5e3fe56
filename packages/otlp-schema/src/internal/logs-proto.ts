import type { INamespace } from 'protobufjs';

/**
 * The OTLP logs messages of opentelemetry-proto v1 (common, resource, logs and the logs
 * collector messages), as a protobufjs JSON descriptor: field names in their JSON (lowerCamel)
 * form, numbers and wire types as the protocol defines them. A module, not a .proto file read at
 * run time, so that the schema travels inside bundles.
 */
export const logsProto: INamespace = {
  nested: {
    opentelemetry: { nested: { proto: { nested: {
      common: { nested: { v1: { nested: {
        AnyValue: {
          oneofs: { value: { oneof: ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'] } },
          fields: {
            stringValue: { type: 'string', id: 1 },
            boolValue: { type: 'bool', id: 2 },
            intValue: { type: 'int64', id: 3 },
            doubleValue: { type: 'double', id: 4 },
            arrayValue: { type: 'ArrayValue', id: 5 },
            kvlistValue: { type: 'KeyValueList', id: 6 },
            bytesValue: { type: 'bytes', id: 7 },
          },
        },
        ArrayValue: { fields: { values: { rule: 'repeated', type: 'AnyValue', id: 1 } } },
        KeyValueList: { fields: { values: { rule: 'repeated', type: 'KeyValue', id: 1 } } },
        KeyValue: { fields: { key: { type: 'string', id: 1 }, value: { type: 'AnyValue', id: 2 } } },
        InstrumentationScope: {
          fields: {
            name: { type: 'string', id: 1 },
            version: { type: 'string', id: 2 },
            attributes: { rule: 'repeated', type: 'KeyValue', id: 3 },
            droppedAttributesCount: { type: 'uint32', id: 4 },
          },
        },
        EntityRef: {
          fields: {
            schemaUrl: { type: 'string', id: 1 },
            type: { type: 'string', id: 2 },
            idKeys: { rule: 'repeated', type: 'string', id: 3 },
            descriptionKeys: { rule: 'repeated', type: 'string', id: 4 },
          },
        },
      } } } },
      resource: { nested: { v1: { nested: {
        Resource: {
          fields: {
            attributes: { rule: 'repeated', type: 'opentelemetry.proto.common.v1.KeyValue', id: 1 },
            droppedAttributesCount: { type: 'uint32', id: 2 },
            entityRefs: { rule: 'repeated', type: 'opentelemetry.proto.common.v1.EntityRef', id: 3 },
          },
        },
      } } } },
      logs: { nested: { v1: { nested: {
        LogsData: { fields: { resourceLogs: { rule: 'repeated', type: 'ResourceLogs', id: 1 } } },
        ResourceLogs: {
          fields: {
            resource: { type: 'opentelemetry.proto.resource.v1.Resource', id: 1 },
            scopeLogs: { rule: 'repeated', type: 'ScopeLogs', id: 2 },
            schemaUrl: { type: 'string', id: 3 },
          },
          reserved: [[1000, 1000]],
        },
        ScopeLogs: {
          fields: {
            scope: { type: 'opentelemetry.proto.common.v1.InstrumentationScope', id: 1 },
            logRecords: { rule: 'repeated', type: 'LogRecord', id: 2 },
            schemaUrl: { type: 'string', id: 3 },
          },
        },
        SeverityNumber: { values: severityNumbers() },
        LogRecordFlags: { values: { LOG_RECORD_FLAGS_DO_NOT_USE: 0, LOG_RECORD_FLAGS_TRACE_FLAGS_MASK: 255 } },
        LogRecord: {
          fields: {
            timeUnixNano: { type: 'fixed64', id: 1 },
            observedTimeUnixNano: { type: 'fixed64', id: 11 },
            severityNumber: { type: 'SeverityNumber', id: 2 },
            severityText: { type: 'string', id: 3 },
            body: { type: 'opentelemetry.proto.common.v1.AnyValue', id: 5 },
            attributes: { rule: 'repeated', type: 'opentelemetry.proto.common.v1.KeyValue', id: 6 },
            droppedAttributesCount: { type: 'uint32', id: 7 },
            flags: { type: 'fixed32', id: 8 },
            traceId: { type: 'bytes', id: 9 },
            spanId: { type: 'bytes', id: 10 },
            eventName: { type: 'string', id: 12 },
          },
          reserved: [[4, 4]],
        },
      } } } },
      collector: { nested: { logs: { nested: { v1: { nested: {
        ExportLogsServiceRequest: {
          fields: { resourceLogs: { rule: 'repeated', type: 'opentelemetry.proto.logs.v1.ResourceLogs', id: 1 } },
        },
        ExportLogsServiceResponse: { fields: { partialSuccess: { type: 'ExportLogsPartialSuccess', id: 1 } } },
        ExportLogsPartialSuccess: {
          fields: { rejectedLogRecords: { type: 'int64', id: 1 }, errorMessage: { type: 'string', id: 2 } },
        },
      } } } } } },
    } } } },
  },
};

/** SEVERITY_NUMBER_UNSPECIFIED = 0, then TRACE, TRACE2 … FATAL4 = 1 … 24. */
function severityNumbers(): Record<string, number> {
  const values: Record<string, number> = { SEVERITY_NUMBER_UNSPECIFIED: 0 };
  ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].forEach((name, range) => {
    for (let step = 0; step < 4; step += 1) {
      values[`SEVERITY_NUMBER_${name}${step === 0 ? '' : step + 1}`] = range * 4 + step + 1;
    }
  });
  return values;
}
