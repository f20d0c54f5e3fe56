import { assertTarget, claimTarget, type OtlpEncoding, type Target } from '@logweave/core';

export interface CompositeOptions {
  /** Names the composite in stats and error reports. @default `<component>(<member names>)` */
  name?: string;
  /** How long a member that failed is passed over before it is tried again. @default 30000 */
  cooldownMillis?: number;
}

export interface ResolvedComposite {
  name: string;
  cooldownMillis: number;
  encoding: OtlpEncoding;
}

/**
 * Checks the members of a composite at set-up: targets (not sinks), at least one, each once and
 * owned by no other sink or composite, all taking the same encoding — the sink encodes a batch
 * once, for every member it may go to.
 */
export function resolveComposite(component: string, targets: readonly Target[], options: CompositeOptions): ResolvedComposite {
  if (!Array.isArray(targets) || targets.length === 0) throw new TypeError(`${component}: targets must be a non-empty array of targets`);
  if (options === null || typeof options !== 'object') throw new TypeError(`${component}: options must be an object`);
  targets.forEach((target, i) => assertTarget(target, component, `targets[${i}]`));
  const encoding = targets[0]!.encoding;
  const other = targets.findIndex((t) => t.encoding !== encoding);
  if (other > 0) {
    throw new TypeError(
      `${component}: targets[${other}] takes ${targets[other]!.encoding} but targets[0] takes ${encoding}; ` +
        'every member must use the same protocol encoding',
    );
  }
  const cooldownMillis = options.cooldownMillis ?? 30_000;
  if (typeof cooldownMillis !== 'number' || !(cooldownMillis >= 0) || !Number.isFinite(cooldownMillis)) {
    throw new TypeError(`${component}: cooldownMillis must be a number ≥ 0; got ${String(cooldownMillis)}`);
  }
  const name = options.name ?? `${component}(${targets.map((t) => t.name).join(', ')})`;
  if (typeof name !== 'string' || name === '') throw new TypeError(`${component}: name must be a non-empty string`);
  if (new Set(targets).size < targets.length) throw new TypeError(`${component}: targets must not hold the same target twice`);
  targets.forEach((target, i) => claimTarget(target, component, `targets[${i}]`));
  return { name, cooldownMillis, encoding };
}
