/** Where a problem is: the option's path in the file and, when known, its line and column (1-based). */
export interface ConfigIssue {
  /** The option, e.g. `stages[2].redact.action`; `''` for the file as a whole. */
  path: string;
  /** What is wrong, e.g. `expected one of mask, mask-last4, remove, hash; got "blur"`. */
  message: string;
  line?: number;
  column?: number;
}

/**
 * - `read`: the file cannot be read, or its kind (YAML or JSON) is unknown;
 * - `syntax`: not valid YAML or JSON;
 * - `env`: a `${VAR}` with no value and no default, or a malformed substitution;
 * - `invalid`: the schema or a cross-reference refuses a value;
 * - `setup`: a factory refused an option when the pipeline was built.
 */
export type ConfigErrorCode = 'read' | 'syntax' | 'env' | 'invalid' | 'setup';

/**
 * A configuration that cannot become a pipeline. Its message has one line per issue, each
 * `file:line:column: path: what was expected`, so an editor or a terminal can jump to it.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code: ConfigErrorCode;
  /** The file as it was named to `loadPipeline` (or `source` of `parsePipelineConfig`). */
  readonly file: string;
  readonly issues: readonly ConfigIssue[];

  constructor(code: ConfigErrorCode, file: string, issues: readonly ConfigIssue[], options?: { cause?: unknown }) {
    // In the order of the file; issues with no position (the file as a whole) first.
    const sorted = [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    super(sorted.map((issue) => formatIssue(file, issue)).join('\n'), options);
    this.code = code;
    this.file = file;
    this.issues = sorted;
  }
}

/** `file:line:column: path: message`, leaving out what is unknown. */
export function formatIssue(file: string, issue: ConfigIssue): string {
  const where = issue.line === undefined ? file : `${file}:${issue.line}:${issue.column ?? 1}`;
  return issue.path === '' ? `${where}: ${issue.message}` : `${where}: ${issue.path}: ${issue.message}`;
}
