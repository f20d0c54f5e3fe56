import type { AnyValue, Attributes, HrTime, InstrumentationScopeLike, LogRecordLike, SpanContextLike } from './types.ts';

/**
 * A record a stage creates itself: the SDK freezes the records it emits once `onEmit` returns,
 * so a stage that releases a record later (a dedupe summary, a rate-limit notice) sends a copy.
 * Exporters read it like any SDK record.
 */
export class DerivedLogRecord implements LogRecordLike {
  hrTime: HrTime;
  hrTimeObserved: HrTime;
  spanContext?: SpanContextLike;
  readonly resource: LogRecordLike['resource'];
  readonly instrumentationScope: InstrumentationScopeLike;
  readonly attributes: Record<string, unknown>;
  severityText?: string;
  severityNumber?: number;
  body?: unknown;
  eventName?: string;
  droppedAttributesCount: number;

  constructor(source: LogRecordLike) {
    this.hrTime = [source.hrTime[0], source.hrTime[1]];
    this.hrTimeObserved = [source.hrTimeObserved[0], source.hrTimeObserved[1]];
    if (source.spanContext !== undefined) this.spanContext = source.spanContext;
    this.resource = source.resource;
    this.instrumentationScope = source.instrumentationScope;
    this.attributes = { ...source.attributes };
    if (source.severityText !== undefined) this.severityText = source.severityText;
    if (source.severityNumber !== undefined) this.severityNumber = source.severityNumber;
    if (source.body !== undefined) this.body = source.body;
    if (source.eventName !== undefined) this.eventName = source.eventName;
    this.droppedAttributesCount = source.droppedAttributesCount;
  }

  setAttribute(key: string, value?: AnyValue): this {
    if (value === undefined) delete this.attributes[key];
    else this.attributes[key] = value;
    return this;
  }

  setAttributes(attributes: Attributes): this {
    for (const [key, value] of Object.entries(attributes)) this.setAttribute(key, value as AnyValue);
    return this;
  }

  setBody(body: AnyValue): this {
    this.body = body;
    return this;
  }

  setSeverityNumber(severityNumber: number): this {
    this.severityNumber = severityNumber;
    return this;
  }

  setSeverityText(severityText: string): this {
    this.severityText = severityText;
    return this;
  }

  setEventName(eventName: string): this {
    this.eventName = eventName;
    return this;
  }
}

/** Copies a record, frozen or not, into one a stage may keep and change. */
export function copyRecord(source: LogRecordLike): DerivedLogRecord {
  return new DerivedLogRecord(source);
}
