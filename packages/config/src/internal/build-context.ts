import type { ConfigIssue } from '../config-error.ts';
import { formatPath, valueAt, type ConfigPath } from './path.ts';

export type Locate = (path: ConfigPath, key?: string) => { line: number; column: number } | undefined;

/** An option path at the start of a factory's message: `durable.maxBytes must …`, `patterns.custom[0].regex must …`. */
const LEADING_OPTION = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\]|\['[^']*'\]|\["[^"]*"\])*) (?=\S)/;
/** The component a factory names first: `redact: `, `otlpSink: `. */
const COMPONENT = /^[A-Za-z][\w]*: /;

/** What building needs besides the configuration: where relative paths start, and where problems go. */
export class BuildContext {
  readonly baseDir: string;
  readonly issues: ConfigIssue[] = [];
  /** Whether a factory refused an option (an error of set-up rather than of the file's shape). */
  factoryRefused = false;
  readonly #locate: Locate;

  constructor(baseDir: string, locate: Locate) {
    this.baseDir = baseDir;
    this.#locate = locate;
  }

  fail(path: ConfigPath, message: string, key?: string): undefined {
    this.issues.push({ path: formatPath(path), message, ...this.#locate(path, key) });
    return undefined;
  }

  /**
   * Runs a factory on the options at `path`. An error it throws (a TypeError for an option, an
   * Error for a durable directory in use) becomes an issue at the option it names when that
   * option is in the file, else at `path`.
   */
  setUp<T>(path: ConfigPath, options: unknown, factory: () => T): T | undefined {
    try {
      return factory();
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      this.factoryRefused = true;
      const text = error.message.replace(COMPONENT, '');
      const option = LEADING_OPTION.exec(text);
      if (option !== null) {
        const optionPath = parseOptionPath(option[1]!);
        if (valueAt(options, optionPath) !== undefined) return this.fail([...path, ...optionPath], text.slice(option[0].length));
      }
      return this.fail(path, text);
    }
  }
}

function parseOptionPath(text: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of text.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]|\[(?:'([^']*)'|"([^"]*)")\]/g)) {
    segments.push(match[1] ?? match[3] ?? match[4] ?? Number(match[2]));
  }
  return segments;
}
