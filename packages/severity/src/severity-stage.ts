import type { Attributes, LogRecordLike, Stage } from '@logweave/core';
import { bodyPrefixWord } from './internal/body-prefix.ts';
import { SeverityCounters, type SeverityStats } from './internal/counters.ts';
import type { CompiledTable, NumberScale } from './internal/table.ts';
import { resolveSeverityOptions, type SeverityOptions } from './options.ts';
import { isSeverityNumber } from './short-names.ts';

/** A stage that sets SeverityNumber and SeverityText; it never drops a record. */
export interface SeverityStage extends Stage {
  /** A snapshot of what the stage mapped, from where, and what it could not. */
  stats(): SeverityStats;
}

// Indexes into SOURCES (options.ts).
const FROM_SEVERITY_NUMBER = 0;
const FROM_SEVERITY_TEXT = 1;
const FROM_ATTRIBUTES = 2;

/**
 * Normalises severity: reads it from the sources in order (existing SeverityNumber, SeverityText,
 * attributes, opt-in body prefix), sets SeverityNumber 1..24 and a normalised SeverityText. A
 * record nothing maps stays UNSPECIFIED (0) and is counted in `stats().unmapped`.
 */
export function severity(options?: SeverityOptions): SeverityStage {
  return new SeverityNormaliser(options);
}

class SeverityNormaliser implements SeverityStage {
  readonly name: string;
  readonly #table: CompiledTable;
  readonly #sources: readonly number[];
  readonly #attributeKeys: readonly string[];
  readonly #attributeNumbers: readonly (NumberScale | undefined)[];
  readonly #texts: readonly string[] | undefined;
  readonly #overwriteText: boolean;
  readonly #originalTextAttribute: string | undefined;
  readonly #unmappedAttribute: string | undefined;
  readonly #counters = new SeverityCounters();
  /** The first level-like value of the current record that did not map, for `unknownValues`. */
  #unknown: unknown;

  constructor(options: SeverityOptions | undefined) {
    const resolved = resolveSeverityOptions(options);
    this.name = resolved.name;
    this.#table = resolved.table;
    this.#sources = resolved.sources;
    this.#attributeKeys = resolved.attributeKeys;
    this.#attributeNumbers = resolved.attributeNumbers;
    this.#texts = resolved.texts;
    this.#overwriteText = resolved.overwriteText;
    this.#originalTextAttribute = resolved.originalTextAttribute;
    this.#unmappedAttribute = resolved.unmappedAttribute;
  }

  process(record: LogRecordLike): void {
    this.#counters.records++;
    this.#unknown = undefined;
    for (let i = 0; i < this.#sources.length; i++) {
      const source = this.#sources[i]!;
      const found = this.#read(source, record);
      if (found !== 0) {
        this.#counters.bySource[source]!++;
        this.#apply(record, found);
        return;
      }
    }
    this.#leaveUnmapped(record);
  }

  stats(): SeverityStats {
    return this.#counters.snapshot();
  }

  #read(source: number, record: LogRecordLike): number {
    switch (source) {
      case FROM_SEVERITY_NUMBER:
        return isSeverityNumber(record.severityNumber) ? record.severityNumber : 0;
      case FROM_SEVERITY_TEXT:
        return this.#lookup(record.severityText, this.#table.numbers);
      case FROM_ATTRIBUTES:
        return this.#fromAttributes(record.attributes);
      default:
        return this.#fromBody(record.body);
    }
  }

  #fromAttributes(attributes: Attributes): number {
    for (let i = 0; i < this.#attributeKeys.length; i++) {
      const found = this.#lookup(attributes[this.#attributeKeys[i]!], this.#attributeNumbers[i]);
      if (found !== 0) return found;
    }
    return 0;
  }

  // A miss here is not remembered in unknownValues: most bodies simply do not start with a level.
  #fromBody(body: unknown): number {
    if (typeof body !== 'string') return 0;
    const word = bodyPrefixWord(body);
    return word === undefined ? 0 : this.#table.lookupWith(word, undefined);
  }

  #lookup(value: unknown, numbers: NumberScale | undefined): number {
    if (value === undefined || value === '') return 0;
    const found = this.#table.lookupWith(value, numbers);
    if (found === 0 && this.#unknown === undefined) this.#unknown = value;
    return found;
  }

  #apply(record: LogRecordLike, severityNumber: number): void {
    if (record.severityNumber !== severityNumber) record.setSeverityNumber(severityNumber);
    if (this.#texts === undefined) return;
    const current = record.severityText;
    const hasText = current !== undefined && current !== '';
    if (hasText && !this.#overwriteText) return;
    const text = this.#texts[severityNumber]!;
    if (current === text) return;
    if (hasText && this.#originalTextAttribute !== undefined) record.setAttribute(this.#originalTextAttribute, current);
    record.setSeverityText(text);
  }

  /** Nothing mapped: a SeverityNumber outside 0..24 (a raw pino 30, say) is reset to UNSPECIFIED. */
  #leaveUnmapped(record: LogRecordLike): void {
    const current = record.severityNumber;
    if (current !== undefined && current !== 0 && !isSeverityNumber(current)) {
      this.#unknown ??= current;
      record.setSeverityNumber(0);
    }
    this.#counters.countUnmapped(this.#unknown);
    if (this.#unmappedAttribute !== undefined) record.setAttribute(this.#unmappedAttribute, true);
  }
}
