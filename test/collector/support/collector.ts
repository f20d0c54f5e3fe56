import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCollector } from '../build.ts';

const configDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'configs');
const readyLine = 'Everything is ready';
const startTimeoutMillis = 20_000;

export interface CollectorOptions {
  /** A file of test/collector/configs/. @default 'agent.yaml' */
  config?: string;
  /** Where its otlp_http exporter sends: a base URL. */
  exportEndpoint: string;
  /** More of the variables the config reads (MEMORY_LIMIT_MIB, MAX_REQUEST_BODY_BYTES, …). */
  env?: Record<string, string>;
  /** Its OTLP/HTTP port. @default a free port */
  httpPort?: number;
}

/** A Collector process on two free loopback ports, that can be stopped and started again on them. */
export interface Collector {
  /** OTLP/HTTP base URL, e.g. http://127.0.0.1:40123 */
  readonly httpUrl: string;
  /** OTLP/gRPC endpoint, e.g. http://127.0.0.1:40124 */
  readonly grpcUrl: string;
  /** What it has written to stderr (its log), for failure messages. */
  log(): string;
  /** The running process's id, undefined while stopped. */
  pid(): number | undefined;
  /** SIGTERM and wait: the Collector drains its batch and exporter queue, as in a rolling restart. */
  stop(): Promise<void>;
  /** Starts it again with the same config on the same ports; `env` changes variables from now on. */
  start(env?: Record<string, string>): Promise<void>;
}

export async function startCollector(options: CollectorOptions): Promise<Collector> {
  const binary = await buildCollector();
  const [httpPort, grpcPort] = [options.httpPort ?? (await freePort()), await freePort()];
  let env: Record<string, string | undefined> = {
    ...process.env,
    OTLP_HTTP_ENDPOINT: `127.0.0.1:${httpPort}`,
    OTLP_GRPC_ENDPOINT: `127.0.0.1:${grpcPort}`,
    EXPORT_ENDPOINT: options.exportEndpoint,
    BATCH_TIMEOUT: '50ms',
    ...options.env,
  };
  const args = ['--config', join(configDir, options.config ?? 'agent.yaml')];
  let child: ChildProcess | undefined;
  let log = '';

  const collector: Collector = {
    httpUrl: `http://127.0.0.1:${httpPort}`,
    grpcUrl: `http://127.0.0.1:${grpcPort}`,
    log: () => log,
    pid: () => child?.pid,
    async stop() {
      const stopping = child;
      child = undefined;
      if (stopping === undefined || stopping.exitCode !== null || stopping.signalCode !== null) return;
      const exited = once(stopping, 'exit');
      stopping.kill('SIGTERM');
      await exited;
    },
    async start(more = {}) {
      if (child !== undefined && child.exitCode === null && child.signalCode === null) throw new Error('collector: already running');
      env = { ...env, ...more };
      const started = spawn(binary, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
      child = started;
      children.add(started);
      started.once('exit', () => children.delete(started));
      started.stderr!.setEncoding('utf8');
      started.stderr!.on('data', (chunk: string) => {
        log += chunk;
      });
      await waitForReady(started, () => log);
    },
  };
  running.add(collector);
  await collector.start();
  return collector;
}

const running = new Set<Collector>();
/** Processes still alive when the test worker exits (a failed or timed-out test) are killed with it. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Stops every Collector this test file started (an afterAll of each suite). */
export async function stopAllCollectors(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()));
  running.clear();
}

async function waitForReady(child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + startTimeoutMillis;
  while (!log().includes(readyLine)) {
    if (child.exitCode !== null) throw new Error(`collector: exited with ${child.exitCode} at start:\n${log()}`);
    if (Date.now() > deadline) throw new Error(`collector: not ready after ${startTimeoutMillis} ms:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A port the OS just handed out on 127.0.0.1 (free until someone else takes it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
