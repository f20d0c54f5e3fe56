import { fork, type ChildProcess } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Flags of every bench child: `gc()` between runs so that no run pays for the garbage of the one before. */
const CHILD_EXEC_ARGV = ['--expose-gc'];

/** Starts `script` in its own Node process (the same Node as the bench) with an IPC channel. */
export function startChild(script: URL): ChildProcess {
  return fork(script, [], { execArgv: CHILD_EXEC_ARGV, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Runs `script` with `input` and resolves with the one message it sends back, then its exit. */
export function runChild<T>(script: URL, input: unknown): Promise<T> {
  const child = startChild(script);
  return new Promise<T>((resolve, reject) => {
    let result: { value: T } | undefined;
    child.once('message', (message) => (result = { value: message as T }));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (result !== undefined && code === 0) resolve(result.value);
      else reject(new Error(`bench child ${script.pathname} exited with ${signal ?? code} before answering`));
    });
    child.send(input as object);
  });
}

/** The child side of runChild: reads the input, runs `main`, sends its result and exits. */
export function serveChild<I, O>(main: (input: I) => Promise<O>): void {
  process.once('message', (input) => {
    main(input as I).then(
      (output) => process.send!(output as object, () => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}

/** `gc()` whether or not the process was started with --expose-gc. */
export const collectGarbage: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

export const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
