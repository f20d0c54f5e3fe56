import type { LogRecordLike, Stage, ValueFilter } from '@logweave/core';

/**
 * A stage that hides the word "secret": at emit time, or, once the pipeline has left its value
 * filter to the sinks (`left` turns true), only where the sinks write.
 */
export function hideSecrets(): Stage & { left: boolean } {
  const hide = (text: string) => text.replaceAll('secret', '******');
  const filter: ValueFilter = { string: (value) => hide(value) };
  const stage = {
    name: 'hide-secrets',
    left: false,
    valueFilter: filter,
    leftToSinks() {
      stage.left = true;
    },
    process(record: LogRecordLike) {
      if (!stage.left && typeof record.body === 'string') record.setBody(hide(record.body));
    },
  };
  return stage;
}
