/** `label` names the component and the option, as the TypeError must. */
export function record<T>(label: string, value: Readonly<Record<string, T>> | undefined): Readonly<Record<string, T>> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${label} must be an object`);
  return value;
}

export function stringList(label: string, value: readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((k) => typeof k !== 'string' || k === '')) {
    throw new TypeError(`${label} must be an array of non-empty strings`);
  }
  return [...value];
}

export function flag(label: string, value: boolean | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${label} must be a boolean`);
  return value;
}
