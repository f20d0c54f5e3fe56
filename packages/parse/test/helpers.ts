import { readFileSync } from 'node:fs';
import type { HrTime, LogRecordLike, Stage } from '@logweave/core';
import { setUp, type SdkLine } from '@logweave/sdk-lines';

/** Emits every body through `stage` inside a real SDK provider; the records the sink got. */
export function throughStage(line: SdkLine, stage: Stage, bodies: readonly string[]): readonly LogRecordLike[] {
  const { logger, sink } = setUp(line, [stage]);
  for (const body of bodies) logger.emit({ body });
  return sink.records;
}

/** The non-empty lines of a file in test/fixtures. */
export function fixtureLines(name: string): string[] {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').split('\n').filter((l) => l !== '');
}

/** A record's timestamp as ISO 8601 with all nine fraction digits, to compare with what the line said. */
export function isoTime(time: HrTime | undefined): string | undefined {
  if (time === undefined) return undefined;
  const seconds = new Date(time[0] * 1000).toISOString().slice(0, 19);
  return `${seconds}.${String(time[1]).padStart(9, '0')}Z`;
}
