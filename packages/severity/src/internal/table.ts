/** A source's level numbers → SeverityNumber 0..24. */
export type NumberScale = (level: number) => number;

/** Texts longer than this are never level names; they are not lowercased either. */
export const MAX_NAME_LENGTH = 64;

/**
 * The compiled form of the severity options: every word in the case variants records carry it in
 * ('warn', 'WARN', 'Warn', with and without accents), so that most lookups are one Map hit with
 * no allocation; anything else is trimmed and lowercased once.
 */
export class CompiledTable {
  readonly #names: ReadonlyMap<string, number>;
  /** Flat [min, max, severity, min, max, severity, …], sorted, not overlapping. */
  readonly #ranges: readonly number[];
  readonly numbers: NumberScale | undefined;

  constructor(names: ReadonlyMap<string, number>, ranges: readonly number[], numbers: NumberScale | undefined) {
    this.#names = names;
    this.#ranges = ranges;
    this.numbers = numbers;
  }

  lookup(value: unknown): number {
    return this.lookupWith(value, this.numbers);
  }

  lookupText(text: string): number {
    return typeof text === 'string' ? this.#text(text, this.numbers) : 0;
  }

  lookupNumber(level: number): number {
    return typeof level === 'number' ? this.#number(level, this.numbers) : 0;
  }

  /** Like `lookup`, reading bare numbers with `numbers` instead of the table's own scale. */
  lookupWith(value: unknown, numbers: NumberScale | undefined): number {
    switch (typeof value) {
      case 'string':
        return this.#text(value, numbers);
      case 'number':
        return this.#number(value, numbers);
      case 'bigint':
        return this.#number(Number(value), numbers);
      default:
        return 0;
    }
  }

  #text(text: string, numbers: NumberScale | undefined): number {
    const exact = this.#names.get(text);
    if (exact !== undefined) return exact;
    if (text.length === 0 || text.length > MAX_NAME_LENGTH) return 0;
    let normal = text.trim().toLowerCase();
    let found = this.#names.get(normal);
    if (found !== undefined) return found;
    // `ERROR + 2`, `warn ing`: no level name holds white space, so none inside counts.
    if (/\s/.test(normal)) {
      normal = normal.replace(/\s+/g, '');
      found = this.#names.get(normal);
      if (found !== undefined) return found;
    }
    return looksNumeric(normal) ? this.#number(Number(normal), numbers) : 0;
  }

  #number(level: number, numbers: NumberScale | undefined): number {
    if (Number.isNaN(level)) return 0;
    const ranges = this.#ranges;
    for (let i = 0; i < ranges.length; i += 3) {
      if (level >= ranges[i]! && level <= ranges[i + 1]!) return ranges[i + 2]!;
    }
    return numbers === undefined ? 0 : numbers(level);
  }
}

/** "30", "-4", "+2": a number written as text. */
function looksNumeric(text: string): boolean {
  const first = text.charCodeAt(0);
  const digitAt = first === 43 || first === 45 ? 1 : 0; // '+' or '-'
  const code = text.charCodeAt(digitAt);
  return code >= 48 && code <= 57;
}

/** Adds `word` to `names` in every case variant records use, unless an earlier entry has it. */
export function addName(names: Map<string, number>, word: string, severity: number): void {
  const lower = word.toLowerCase();
  const plain = lower.normalize('NFD').replace(/\p{M}/gu, '');
  for (const form of plain === lower ? [lower] : [lower, plain]) {
    for (const variant of [form, form.toUpperCase(), form.charAt(0).toUpperCase() + form.slice(1)]) {
      if (!names.has(variant)) names.set(variant, severity);
    }
  }
}
