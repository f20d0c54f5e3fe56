#!/usr/bin/env node
import { runLogweave } from '../src/index.ts';

// The first SIGINT or SIGTERM stops the command gracefully (flush, checkpoint, summary); a second one exits at once.
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  });
}
// A running command's sockets and timers may all be unref'd: this keeps the process until it is told to stop.
const keepAlive = setInterval(() => {}, 1 << 30);
const code = await runLogweave(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: stop.signal });
clearInterval(keepAlive);
process.exitCode = code;
