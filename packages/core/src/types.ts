import type { Context } from '@opentelemetry/api';
import type { ValueFilter } from './value-filter.ts';

/** An OTLP AnyValue as the OTel JS SDKs represent it. */
export type AnyValue =
  | string
  | number
  | boolean
  | Uint8Array
  | null
  | undefined
  | AnyValue[]
  | { [key: string]: AnyValue };

/** Attribute values as records carry them: the SDK accepts any AnyValue, and api 1.10 types it `unknown`. */
export type Attributes = Readonly<Record<string, unknown>>;

export type HrTime = [number, number];

export interface SpanContextLike {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
}

export interface InstrumentationScopeLike {
  readonly name: string;
  readonly version?: string | undefined;
  readonly schemaUrl?: string | undefined;
}

/**
 * The record a processor receives from the logs SDK (`ReadWriteLogRecord`), typed structurally
 * so that one build serves sdk-logs 0.223.x and 3.x.
 */
export interface LogRecordLike {
  readonly hrTime: HrTime;
  readonly hrTimeObserved: HrTime;
  readonly spanContext?: SpanContextLike;
  readonly resource: { readonly attributes: Attributes };
  readonly instrumentationScope: InstrumentationScopeLike;
  readonly attributes: Attributes;
  readonly severityText?: string | undefined;
  readonly severityNumber?: number | undefined;
  readonly body?: unknown;
  readonly eventName?: string | undefined;
  readonly droppedAttributesCount: number;
  setAttribute(key: string, value?: AnyValue): unknown;
  setAttributes(attributes: Record<string, AnyValue>): unknown;
  setBody(body: AnyValue): unknown;
  setSeverityNumber(severityNumber: number): unknown;
  setSeverityText(severityText: string): unknown;
  setEventName?(eventName: string): unknown;
}

/** What the SDK asks a processor before it builds a record (`Logger.enabled()`). */
export interface EnabledOptions {
  readonly context: Context;
  readonly instrumentationScope: InstrumentationScopeLike;
  readonly severityNumber?: number | undefined;
  readonly eventName?: string | undefined;
}

/**
 * Where surviving records go: any `LogRecordProcessor` of the logs SDK (a
 * `BatchLogRecordProcessor` with an exporter, an in-memory sink, an OTLP sink…).
 */
export interface Sink {
  onEmit(record: LogRecordLike, context?: Context): void;
  /**
   * Present on a sink that can run `filter` over every string it writes, in the same read that
   * writes it; calling it makes the sink do so from then on (filters given earlier still run).
   */
  applyValueFilter?(filter: ValueFilter): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
  enabled?(options: EnabledOptions): boolean;
}
