/** Where a command writes, what it reads from its environment, and what tells it to stop. */
export interface CliIo {
  stdout: OutputStream;
  /** Messages, progress and summaries. */
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  /** Aborted to stop a long-running command (the bin aborts it on SIGINT and SIGTERM). */
  signal: AbortSignal;
}

export interface OutputStream {
  write(text: string): unknown;
  /** A terminal: progress is one line rewritten in place. */
  readonly isTTY?: boolean;
}
