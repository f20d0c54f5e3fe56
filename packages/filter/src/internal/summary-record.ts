import { copyRecord, SeverityNumber, type DerivedLogRecord, type InstrumentationScopeLike, type LogRecordLike } from '@logweave/core';
import { hrTimeFromMillis } from './time.ts';

export interface SummaryRecordInit {
  /** Resource and scope of the records the summary speaks for, so routes by scope still apply. */
  readonly resource: LogRecordLike['resource'];
  readonly instrumentationScope: InstrumentationScopeLike;
  readonly body: string;
  readonly attributes: Record<string, unknown>;
  readonly nowMs: number;
}

/** The setters of a source that is only read once, by `copyRecord`. */
function readOnly(): undefined {
  return undefined;
}

/** A WARN record a stage writes itself (rate-limit summaries): no trace context, timestamped now. */
export function summaryRecord(init: SummaryRecordInit): DerivedLogRecord {
  const time = hrTimeFromMillis(init.nowMs);
  return copyRecord({
    hrTime: time,
    hrTimeObserved: time,
    resource: init.resource,
    instrumentationScope: init.instrumentationScope,
    attributes: init.attributes,
    severityNumber: SeverityNumber.WARN,
    severityText: 'WARN',
    body: init.body,
    droppedAttributesCount: 0,
    setAttribute: readOnly,
    setAttributes: readOnly,
    setBody: readOnly,
    setSeverityNumber: readOnly,
    setSeverityText: readOnly,
  });
}
