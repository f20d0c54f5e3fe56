import type { ChildProcess } from 'node:child_process';
import { startChild } from './child.ts';
import type { ReceiverReport } from './receiver.ts';

/** The bench's receiver process (receiver.ts), as its parent drives it. */
export interface Receiver {
  /** Base URL, e.g. http://127.0.0.1:4318 (the sinks add /v1/logs). */
  readonly endpoint: string;
  /** Forgets what arrived so far: the start of a run. */
  reset(): Promise<void>;
  /** What arrived since the last reset. */
  report(): Promise<ReceiverReport>;
  stop(): void;
}

/** Asks the receiver child something and waits for its answer of the same type. */
function ask<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.send({ type });
  });
}

/** Starts a receiver in its own process on a free port of 127.0.0.1. */
export async function startReceiver(): Promise<Receiver> {
  const child = startChild(new URL('./receiver.ts', import.meta.url));
  const { port } = await new Promise<{ port: number }>((resolve) => child.once('message', resolve as never));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    reset: async () => void (await ask(child, 'reset')),
    report: async () => (await ask<{ report: ReceiverReport }>(child, 'report')).report,
    stop: () => void child.send({ type: 'stop' }),
  };
}
