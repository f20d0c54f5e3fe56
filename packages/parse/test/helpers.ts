import { readFileSync } from 'node:fs';
import { pipeline, type HrTime, type LogRecordLike, type Stage } from '@logweave/core';
import { memorySink, type MemorySink } from '@logweave/testing';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { LoggerProvider as LegacyLoggerProvider } from 'sdk-logs-0.223';

/** The two sdk-logs lines logweave supports; the stage is tested on both. */
export const sdkLines = [
  { line: '3.x', LoggerProvider },
  { line: '0.223.x', LoggerProvider: LegacyLoggerProvider },
] as const;

export type SdkLine = (typeof sdkLines)[number];

/** A provider whose only processor is a pipeline of `stages` ending in a memory sink. */
export function setUp(line: SdkLine, stages: Stage[]) {
  const sink: MemorySink = memorySink();
  const processor = pipeline({ stages, sink });
  const provider = new line.LoggerProvider({ processors: [processor] });
  const logger = provider.getLogger('file', '1.0.0');
  return { logger, sink, processor };
}

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
