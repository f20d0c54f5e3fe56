import type { CliIo } from './cli-io.ts';
import { USAGE } from './usage.ts';
import { UsageError } from './usage-error.ts';
import { cliVersion } from './version.ts';

/** Exit codes: 0 done, 1 a failure at run time (see the message), 2 a usage error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

type Command = (args: string[], io: CliIo) => Promise<number>;

// Loaded when run: `--help` and usage errors answer at once, without loading the sink and the receiver.
const COMMANDS: Record<'dev' | 'ship', () => Promise<Command>> = {
  dev: async () => (await import('./dev-command.ts')).devCommand,
  ship: async () => (await import('./ship-command.ts')).shipCommand,
};

/**
 * Runs `logweave <args>` and resolves with its exit code; a long-running command resolves once
 * `io.signal` aborted and it has stopped. Nothing is thrown.
 */
export async function runLogweave(args: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args;
  try {
    if (first === '--version' || first === '-v') return print(io, `${cliVersion()}\n`);
    if (first === '--help' || first === '-h' || first === undefined) return first === undefined ? usageError(io, 'a command is required') : print(io, USAGE.logweave);
    if (first === 'help') return helpOf(io, rest[0]);
    if (!Object.hasOwn(COMMANDS, first)) throw new UsageError(`unknown command '${first}'`);
    const command = first as keyof typeof COMMANDS;
    if (rest.includes('--help') || rest.includes('-h')) return print(io, USAGE[command]);
    return await (await COMMANDS[command]())(rest, io);
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message, error.command);
    io.stderr.write(`logweave: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failure;
  }
}

function print(io: CliIo, text: string): number {
  io.stdout.write(text);
  return EXIT.ok;
}

function helpOf(io: CliIo, command: string | undefined): number {
  if (command === undefined) return print(io, USAGE.logweave);
  if (command === 'dev' || command === 'ship') return print(io, USAGE[command]);
  return usageError(io, `unknown command '${command}'`);
}

function usageError(io: CliIo, message: string, command?: 'dev' | 'ship' | string): number {
  const name = command === undefined ? 'logweave' : `logweave ${command}`;
  const usage = command === 'dev' || command === 'ship' ? USAGE[command] : USAGE.logweave;
  io.stderr.write(`${name}: ${message}\n${usage.split('\n')[0]}\nRun '${name} --help' for more.\n`);
  return EXIT.usage;
}
