import type { HrTime, LogRecordLike } from '@logweave/core';

/**
 * Sets a record's timestamp. The SDK record a processor receives (`LogRecordImpl` in sdk-logs
 * 3.1.1 and 0.223.1) has an `hrTime` setter, a no-op once the record is read-only, and
 * `DerivedLogRecord` has a plain field; `LogRecordLike` types it readonly because most stages
 * must not touch it, hence the cast, kept to this one place. The observed time is left alone.
 */
export function setRecordTime(record: LogRecordLike, time: HrTime): void {
  (record as { hrTime: HrTime }).hrTime = time;
}
