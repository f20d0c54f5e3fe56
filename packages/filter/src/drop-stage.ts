import { DROP, type Predicate, type Stage } from '@logweave/core';
import { resolvePredicateOptions, type PredicateStageOptions } from './options.ts';

/** Drops a record when the predicate holds; drops are counted under the stage's name. */
export function drop(options: Predicate | PredicateStageOptions): Stage {
  const { when, name } = resolvePredicateOptions('drop', options);
  return { name, process: (record, context) => (when(record, context) ? DROP : undefined) };
}
