/** A mistake on the command line: reported with the command's usage and exit code 2. */
export class UsageError extends Error {
  /** The command whose usage is shown; undefined for the `logweave` command itself. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}
