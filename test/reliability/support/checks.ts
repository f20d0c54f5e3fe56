import type { PipelineStats } from '@logweave/core';
import type { SinkStats } from '@logweave/otlp';
import type { OtlpReceiver, ReceivedLogRecord } from '@logweave/testing';
import { expect } from 'vitest';
import { ID } from './full-pipeline.ts';

/** The received records by their `app.id`; an id received twice fails the test. */
export function receivedById(receiver: OtlpReceiver): Map<string, ReceivedLogRecord> {
  const byId = new Map<string, ReceivedLogRecord>();
  for (const record of receiver.records()) {
    const id = String(record.attributes[ID]);
    expect(byId.has(id), `record ${id} received twice`).toBe(false);
    byId.set(id, record);
  }
  return byId;
}

/** The `app.id` of every received record, in arrival order (duplicates kept). */
export function receivedIds(receiver: OtlpReceiver): string[] {
  return receiver.records().map((record) => String(record.attributes[ID]));
}

/** Every request was answered 200 after a strict decode with the official OTLP schema. */
export function expectEveryRequestDecoded(receiver: OtlpReceiver): void {
  expect(receiver.requests.length).toBeGreaterThan(0);
  for (const request of receiver.requests) {
    expect({ status: request.status, error: request.error, unknownFields: request.unknownFields }).toEqual({
      status: 200,
      error: undefined,
      unknownFields: [],
    });
  }
}

/** Every record the pipeline received is accounted for, and none was dropped. */
export function expectPipelineLostNothing(stats: PipelineStats, received: number): void {
  expect(stats.received).toBe(received);
  expect(stats.received + stats.injected).toBe(stats.forwarded + stats.dropped + stats.held);
  expect(stats.droppedBy).toEqual({});
  expect(stats.sinkErrors).toEqual({});
}

/** `received = queued + inFlight + exported + rejected + dropped`, and with nothing left in the queue. */
export function expectSinkSettled(stats: SinkStats): void {
  expect(stats.queued + stats.inFlight).toBe(0);
  expect(stats.received).toBe(stats.exported + stats.rejected + stats.dropped);
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

/** Nothing was added to Object.prototype, and plain objects and arrays inherit nothing new. */
export function expectNoPrototypePollution(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  const plain = {} as Record<string, unknown>;
  expect([plain['polluted'], ([] as unknown as Record<string, unknown>)['polluted']]).toEqual([undefined, undefined]);
  expect(typeof plain.constructor).toBe('function');
}
