import { fileURLToPath } from 'node:url';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import * as legacy from 'sdk-logs-0.223';
import { expect } from 'vitest';
import { ConfigError } from '../src/index.ts';

/** The two sdk-logs lines logweave supports. */
export const sdkLines = [
  { line: '3.x', sdk: { LoggerProvider, InMemoryLogRecordExporter, SimpleLogRecordProcessor } },
  { line: '0.223.x', sdk: legacy },
] as const;

export function fixture(name: string): string {
  return fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
}

/** The ConfigError that `run` throws or rejects with; fails the test when it does not. */
export async function configError(run: () => unknown): Promise<ConfigError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but the configuration was accepted');
}
