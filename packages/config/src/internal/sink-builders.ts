import { resolve } from 'node:path';
import {
  consoleSink, fileSink, otlpSink, otlpTarget,
  type ConsoleSink, type ConsoleSinkOptions, type FileSink, type FileSinkOptions, type OtlpSink, type OtlpSinkOptions,
  type TlsOptions,
} from '@logweave/otlp';
import { failover, loadBalance } from '@logweave/router';
import type { ConsoleSinkConfig, EndpointConfig, FailoverSinkConfig, FileSinkConfig, LoadBalanceSinkConfig, OtlpSinkConfig, SinkConfig, TlsConfig } from '../config-types.ts';
import type { BuildContext } from './build-context.ts';
import type { ConfigPath } from './path.ts';

export type ConfiguredSink = OtlpSink | ConsoleSink | FileSink;

export function buildSink(config: SinkConfig, path: ConfigPath, ctx: BuildContext): ConfiguredSink | undefined {
  const [kind, raw] = Object.entries(config)[0] as [string, unknown];
  const at = [...path, kind];
  switch (kind) {
    case 'otlp':
      return otlp((raw ?? {}) as OtlpSinkConfig, at, ctx);
    case 'console': {
      const options: ConsoleSinkOptions = (raw ?? {}) as ConsoleSinkConfig;
      return ctx.setUp(at, options, () => consoleSink(options));
    }
    case 'file': {
      const config = raw as FileSinkConfig;
      // A relative file is read from the configuration file's directory, not the process's.
      const options: FileSinkOptions = { ...config, path: resolve(ctx.baseDir, config.path) };
      return ctx.setUp(at, config, () => fileSink(options));
    }
    default:
      return multiTarget(kind, raw as FailoverSinkConfig & LoadBalanceSinkConfig, at, ctx);
  }
}

/** The options with the TLS files resolved against the configuration file's directory. */
export function withTlsFiles<T extends { tls?: TlsConfig }>(config: T, ctx: BuildContext): Omit<T, 'tls'> & { tls?: TlsOptions } {
  const { tls, ...rest } = config;
  if (tls === undefined) return rest;
  const files: TlsOptions = { ...tls };
  for (const field of ['ca', 'cert', 'key'] as const) {
    const file = tls[field];
    if (file !== undefined) files[field] = resolve(ctx.baseDir, file);
  }
  return { ...rest, tls: files };
}

function otlp(config: OtlpSinkConfig, path: ConfigPath, ctx: BuildContext): OtlpSink | undefined {
  const { durable, ...rest } = config;
  const options: OtlpSinkOptions = withTlsFiles(rest, ctx);
  // A relative queue directory is read from the configuration file's directory, not the process's.
  if (durable !== undefined) options.durable = { ...durable, dir: resolve(ctx.baseDir, durable.dir) };
  return ctx.setUp(path, config, () => otlpSink(options));
}

function multiTarget(kind: string, config: FailoverSinkConfig & LoadBalanceSinkConfig, at: ConfigPath, ctx: BuildContext): OtlpSink | undefined {
  const { targets, by, cooldownMillis, ...options } = config;
  const made = targets.map((target, i) => {
    const endpoint: EndpointConfig = typeof target === 'string' ? { endpoint: target } : target;
    return ctx.setUp([...at, 'targets', i], endpoint, () => otlpTarget(withTlsFiles(endpoint, ctx)));
  });
  const members = made.filter((t) => t !== undefined);
  const close = () => void Promise.allSettled(members.map((m) => m.close()));
  if (members.length < made.length) return close();
  const composite = cooldownMillis === undefined ? {} : { cooldownMillis };
  // `targets` is there for an issue the composite finds in a member to point at it.
  const target = ctx.setUp(at, { ...composite, targets }, () =>
    kind === 'failover'
      ? failover(members, composite)
      : loadBalance(members, { ...composite, by: by === 'trace-id' ? 'traceId' : 'roundRobin' }),
  );
  const sink = target && ctx.setUp(at, options, () => otlpSink({ ...options, name: options.name ?? kind, target }));
  if (sink === undefined) close();
  return sink;
}
