import type { Stage } from '@logweave/core';
import { setUp as setUpPipeline, type SdkLine } from '@logweave/sdk-lines';

export { sdkLines, type SdkLine } from '@logweave/sdk-lines';

/** The shared set-up with an optional resource, and the records the sink got at hand. */
export function setUp(line: SdkLine, stages: Stage[], resource?: unknown) {
  const harness = setUpPipeline(line, stages, { resource });
  return { ...harness, records: harness.sink.records };
}
