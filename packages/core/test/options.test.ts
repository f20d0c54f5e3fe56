import { describe, expect, it } from 'vitest';
import { pipeline } from '../src/index.ts';

const sink = { onEmit: () => {}, forceFlush: async () => {}, shutdown: async () => {} };

describe('pipeline options', () => {
  it.each([
    [undefined, 'pipeline: options must be an object with at least a sink'],
    [{ sink: [] }, 'pipeline: sink must be a sink or a non-empty array of sinks'],
    [{ sink: {} }, 'pipeline: sink[0] must be a LogRecordProcessor (onEmit, forceFlush, shutdown)'],
    [{ sink, stages: {} }, 'pipeline: stages must be an array of stages'],
    [{ sink, stages: [() => {}] }, 'pipeline: stages[0] must be a stage: an object with a name and a process(record, context) function'],
    [{ sink, name: '' }, 'pipeline: name must be a non-empty string'],
  ])('refuses %j with a TypeError', (options, message) => {
    expect(() => pipeline(options as never)).toThrow(new TypeError(message));
  });
});
