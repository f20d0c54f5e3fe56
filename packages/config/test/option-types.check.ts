// Type-level only, compiled by `pnpm typecheck` (no test runs it): the types generated from the
// schema against the options of each factory they are handed to. When a package adds, renames or
// retypes an option, or the schema does, one line here stops compiling. The builders pass these
// options on as they are, apart from what each check leaves out (and the builder converts).
import type {
  BufferUntilErrorOptions, DedupeOptions, MinSeverityOptions, RateLimitOptions, SampleOptions,
} from '@logweave/filter';
import type { EnrichOptions } from '@logweave/enrich';
import type {
  ConsoleSinkOptions, DurableOptions, FileSinkOptions, OtlpSinkOptions, OtlpTargetOptions, RetryOptions, TlsOptions,
} from '@logweave/otlp';
import type { ParseBodyOptions } from '@logweave/parse';
import type { RedactOptions } from '@logweave/redact';
import type { SeverityOptions } from '@logweave/severity';
import type {
  BufferUntilErrorStageConfig, ConsoleSinkConfig, DedupeStageConfig, DurableConfig, EndpointConfig, EnrichStageConfig,
  FileSinkConfig, MinSeverityStageConfig, OtlpSinkConfig, ParseBodyStageConfig, RateLimitStageConfig, RedactStageConfig,
  RetryConfig, SampleStageConfig, SeverityStageConfig, TlsConfig,
} from '../src/index.ts';

/**
 * True when every value the file allows is one the factory takes (`Config` assignable to
 * `Options`), and both name the same options: the factory's, but for those only code can give
 * (`CodeOnly`: functions, streams, providers), and the file's, but for `FileOnly`.
 */
type Agree<Config, Options, CodeOnly extends keyof Options = never, FileOnly extends keyof Config = never> =
  [Config] extends [Options]
    ? [Exclude<keyof Options, keyof Config | CodeOnly>, Exclude<keyof Config, keyof Options | FileOnly>] extends [never, never] ? true : false
    : false;
type Expect<T extends true> = T;

type ObjectOf<T> = Extract<T, object>;

export type OptionTypesAgree = [
  // Sinks. `encoder` is a sink option that a target in a list is allowed to carry for its sink.
  Expect<Agree<OtlpSinkConfig, OtlpSinkOptions, 'target' | 'meterProvider'>>,
  Expect<Agree<EndpointConfig, OtlpTargetOptions, never, 'encoder'>>,
  Expect<Agree<TlsConfig, TlsOptions>>,
  Expect<Agree<DurableConfig, DurableOptions>>,
  Expect<Agree<ObjectOf<RetryConfig>, RetryOptions>>,
  Expect<Agree<ConsoleSinkConfig, ConsoleSinkOptions, 'stream' | 'meterProvider'>>,
  Expect<Agree<FileSinkConfig, FileSinkOptions, 'meterProvider'>>,
  // Stages. Regular expressions and predicates are strings and objects in the file, compiled by the builder.
  Expect<Agree<SeverityStageConfig, SeverityOptions>>,
  Expect<Agree<Omit<ParseBodyStageConfig, 'formats'>, Omit<ParseBodyOptions, 'formats'>, 'severityTable'>>,
  // enrich's attribute values are any YAML value in the file; enrich checks them at set-up.
  Expect<Agree<Omit<EnrichStageConfig, 'classify' | 'attributes'>, Omit<EnrichOptions, 'classify' | 'attributes'>, 'computed'>>,
  Expect<Agree<Omit<RedactStageConfig, 'patterns'>, Omit<RedactOptions, 'patterns'>>>,
  Expect<Agree<ObjectOf<MinSeverityStageConfig>, MinSeverityOptions>>,
  Expect<Agree<DedupeStageConfig, DedupeOptions, 'key'>>,
  Expect<Agree<RateLimitStageConfig, RateLimitOptions>>,
  Expect<Agree<SampleStageConfig, SampleOptions>>,
  Expect<Agree<Omit<BufferUntilErrorStageConfig, 'passWhen'>, Omit<BufferUntilErrorOptions, 'passWhen'>, 'key'>>,
];

