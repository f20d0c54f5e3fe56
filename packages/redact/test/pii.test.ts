import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { redact, type BuiltinPatternName } from '../src/index.ts';
import { setUp } from './setup.ts';

const R = '[REDACTED]';

/** False positives of each opt-in detector on test/corpus/negatives.txt, as the README states them. */
const DOCUMENTED_FALSE_POSITIVES: Partial<Record<BuiltinPatternName, number>> = { phone: 0, usSsn: 0, frNir: 0, esDni: 0, ipv4: 36, ipv6: 0 };

const cases: [BuiltinPatternName, [string, string][], string[]][] = [
  [
    'phone',
    [
      ['call +33 6 12 34 56 78 now', `call ${R} now`],
      ['call +1 (415) 555-0134 now', `call ${R} now`],
      ['+442079460958', R],
      ['(415) 555-0134 or 415-555-0134 or 415.555.0134', `${R} or ${R} or ${R}`],
      ['tel 06 12 34 56 78 and 01.23.45.67.89', `tel ${R} and ${R}`],
      ['uk 020 7946 0958 and 07700 900123', `uk ${R} and ${R}`],
    ],
    ['v1.2.3', '2026-12-07 17:10:08', '+1234', 'id 4155550134', '192.168.100.1', 'order +33--6', '1.415.555.01345', '+1234567', '+1234567890123456', '+33 6..12 34 56 78', '+33 6 12  34 56 78'],
  ],
  [
    'usSsn',
    [['ssn 123-45-6789', `ssn ${R}`], ['078 05 1120', R]],
    ['666-12-3456', '000-12-3456', '912-34-5678', '123-00-4567', '123-45-0000', '123456789', '123-45-67890', '2026-12-07'],
  ],
  [
    'frNir',
    [['nir 1 84 12 75 123 456 40', `nir ${R}`], ['184127512345640', R], ['2 69 07 2A 123 456 23', R], ['2 69 07 2B 123 456 50', R]],
    ['184127512345641', '384127512345640', '1 84 13 75 123 456 40'],
  ],
  [
    'esDni',
    [['dni 12345678Z', `dni ${R}`], ['NIE X1234567L', `NIE ${R}`], ['12345678-Z', R], ['Y1234567X', R], ['Z 1234567R', R]],
    ['12345678A', 'X1234567A', 'ABC12345678Z', '1234567Z'],
  ],
];

describe.each(cases)('redact opt-in pattern %s', (name, positives, negatives) => {
  const { emit } = setUp([redact({ patterns: { [name]: true } })]);

  it.each(positives)('redacts %j', (logged, exported) => {
    expect(emit({ body: logged })?.body).toBe(exported);
  });

  it.each(negatives)('leaves %j as it is', (logged) => {
    expect(emit({ body: logged })?.body).toBe(logged);
  });

  it('is off by default', () => {
    const [logged] = positives[0]!;
    expect(setUp([redact()]).emit({ body: logged })?.body).toBe(logged);
  });
});

describe('redact opt-in patterns on the negative corpus', () => {
  const negatives = readFileSync(new URL('corpus/negatives.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));

  it.each(Object.entries(DOCUMENTED_FALSE_POSITIVES))('has the documented number of false positives for %s', (name, count) => {
    const { emit } = setUp([redact({ patterns: { [name]: true } })]);
    expect(negatives.filter((line) => emit({ body: line })?.body !== line)).toHaveLength(count);
  });
});
