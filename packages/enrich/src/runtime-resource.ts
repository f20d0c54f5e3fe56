import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  osDetector,
  processDetector,
  resourceFromAttributes,
  type DetectedResourceAttributes,
  type Resource,
  type ResourceDetector,
} from '@opentelemetry/resources';
import { record, stringList } from './internal/validate.ts';

export interface RuntimeResourceOptions {
  /**
   * Detectors of `@opentelemetry/resources` to run; later ones win on a shared key.
   * @default defaultDetectors (host, OS, process, then OTEL_RESOURCE_ATTRIBUTES / OTEL_SERVICE_NAME)
   */
  detectors?: readonly ResourceDetector[];
  /**
   * Attributes merged last, over what was detected (e.g. `service.name`, `deployment.environment.name`).
   * @default {}
   */
  attributes?: Readonly<Record<string, string | number | boolean | readonly (string | number | boolean)[]>>;
  /**
   * Detected attributes left out. Command-line arguments often carry tokens or passwords.
   * @default ['process.command_args']
   */
  omit?: readonly string[];
}

/**
 * The detectors of `@opentelemetry/resources` that `runtimeResource()` runs by default: host
 * (`host.name`, `host.arch`, `host.id`), OS (`os.type`, `os.version`), process and runtime
 * (`process.pid`, `process.runtime.name`, `process.runtime.version`, …), then
 * `OTEL_RESOURCE_ATTRIBUTES` and `OTEL_SERVICE_NAME`, last so the environment overrides detection.
 */
export const defaultDetectors: readonly ResourceDetector[] = Object.freeze([hostDetector, osDetector, processDetector, envDetector]);

function resolveRuntimeResourceOptions(options: RuntimeResourceOptions) {
  if (options === null || typeof options !== 'object') throw new TypeError('runtimeResource: options must be an object');
  const detectors = options.detectors ?? defaultDetectors;
  if (!Array.isArray(detectors) || detectors.some((d: Partial<ResourceDetector> | null) => typeof d?.detect !== 'function')) {
    throw new TypeError('runtimeResource: detectors must be an array of resource detectors (objects with detect())');
  }
  return {
    detectors: [...detectors] as ResourceDetector[],
    attributes: record('runtimeResource: attributes', options.attributes),
    omit: new Set(stringList('runtimeResource: omit', options.omit ?? ['process.command_args'])),
  };
}

/**
 * A Resource describing this host, process and runtime, to pass to the `LoggerProvider`
 * (`new LoggerProvider({ resource: runtimeResource(), processors })`): the SDK's default resource,
 * merged with what the detectors find, merged with `attributes`. `host.id` is read asynchronously:
 * exporters wait for it; call `await resource.waitForAsyncAttributes?.()` to read it yourself.
 */
export function runtimeResource(options: RuntimeResourceOptions = {}): Resource {
  const resolved = resolveRuntimeResourceOptions(options);
  const detectors = resolved.omit.size === 0
    ? [...resolved.detectors]
    : resolved.detectors.map((detector) => omitting(detector, resolved.omit));
  return defaultResource()
    .merge(detectResources({ detectors }))
    .merge(resourceFromAttributes(resolved.attributes as DetectedResourceAttributes));
}

/** A detector that runs `detector` and leaves out the `omit` keys (command lines may hold secrets). */
function omitting(detector: ResourceDetector, omit: ReadonlySet<string>): ResourceDetector {
  return {
    detect(config) {
      const detected = detector.detect(config);
      if (detected.attributes === undefined) return detected;
      const attributes = { ...detected.attributes };
      for (const key of omit) delete attributes[key];
      return { ...detected, attributes };
    },
  };
}
