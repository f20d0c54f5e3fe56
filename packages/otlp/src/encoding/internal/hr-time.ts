import type { HrTime } from '@logweave/core';
import type { JsonWriter } from './json-writer.ts';
import type { ProtoWriter } from './proto-writer.ts';

/**
 * Writes `seconds * 1e9 + nanos` as a fixed64 by the official protobuf serializer's arithmetic
 * (16-bit halves so no product passes 2^53), kept as is so that odd inputs (negative,
 * fractional, nanos past 1e9) come out as the official's do.
 */
export function writeHrTime(writer: ProtoWriter, hrTime: HrTime): void {
  const seconds = hrTime[0];
  const lower16 = (seconds & 65535) * 1e9;
  const upper = ((seconds / 65536) >>> 0) * 1e9;
  const low = (lower16 >>> 0) + (((upper & 65535) * 65536) >>> 0) + hrTime[1];
  const high = Math.floor(lower16 / 4294967296) + ((upper / 65536) >>> 0) + Math.floor(low / 4294967296);
  writer.fixed64(low >>> 0, high >>> 0);
}

/**
 * Writes nanoseconds since the epoch as the decimal string OTLP/JSON wants, equal to the
 * official JSON serializer's `BigInt(trunc(s)) * 1e9 + BigInt(trunc(ns))`; BigInt only off the
 * common path (whole seconds and nanos within a second).
 */
export function writeHrTimeJson(writer: JsonWriter, hrTime: HrTime): void {
  const seconds = hrTime[0];
  const nanos = hrTime[1];
  writer.ensure(1);
  writer.byte(34);
  if (Number.isSafeInteger(seconds) && seconds >= 0 && Number.isInteger(nanos) && nanos >= 0 && nanos < 1e9) {
    if (seconds === 0) {
      writer.integer(nanos);
    } else {
      writer.seconds(seconds);
      writer.nineDigits(nanos);
    }
  } else {
    writer.ascii((BigInt(Math.trunc(seconds)) * 1_000_000_000n + BigInt(Math.trunc(nanos))).toString());
  }
  writer.ensure(1);
  writer.byte(34);
}
