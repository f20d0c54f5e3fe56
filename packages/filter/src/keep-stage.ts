import { DROP, type Predicate, type Stage } from '@logweave/core';
import { resolvePredicateOptions, type PredicateStageOptions } from './options.ts';

/** Lets a record through only when the predicate holds; the rest are counted under the stage's name. */
export function keep(options: Predicate | PredicateStageOptions): Stage {
  const { when, name } = resolvePredicateOptions('keep', options);
  return { name, process: (record, context) => (when(record, context) ? undefined : DROP) };
}
