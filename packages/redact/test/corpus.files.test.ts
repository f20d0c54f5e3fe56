import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';
import { setUp } from './setup.ts';

/** The lines of a corpus file, without comments and blank lines. */
function corpusLines(file: string): string[] {
  return readFileSync(new URL(`corpus/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const MARKED = /«([^»]*)»/g;

/** A positive line as logged (marks removed) and the secrets it holds. */
function positive(line: string): { logged: string; secrets: string[] } {
  return { logged: line.replace(MARKED, '$1'), secrets: [...line.matchAll(MARKED)].map((m) => m[1]!) };
}

describe('redact corpus (test/corpus)', () => {
  const positives = corpusLines('positives.txt');
  const negatives = corpusLines('negatives.txt');

  it('holds at least 300 positives and 300 negatives', () => {
    expect(positives.length).toBeGreaterThanOrEqual(300);
    expect(negatives.length).toBeGreaterThanOrEqual(300);
    for (const line of positives) expect(positive(line).secrets.length, line).toBeGreaterThan(0);
  });

  it('lets no marked secret of a positive line reach the sink, as a body or as an attribute value', () => {
    const { emit } = setUp([redact()]);
    const leaks = positives.flatMap((line) => {
      const { logged, secrets } = positive(line);
      const record = emit({ body: logged, attributes: { 'log.record.original': logged } });
      const exported = `${String(record?.body)}\n${String(record?.attributes['log.record.original'])}`;
      return secrets.filter((secret) => exported.includes(secret)).map((secret) => `${secret} in ${line}`);
    });
    expect(leaks).toEqual([]);
  });

  it('exports every negative line exactly as it was logged', () => {
    const { emit } = setUp([redact()]);
    const falseHits = negatives.filter((line) => emit({ body: line })?.body !== line);
    expect(falseHits).toEqual([]);
  });
});
