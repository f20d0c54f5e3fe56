import type { EncodableRecord } from '../encoder.ts';

export type Resource = EncodableRecord['resource'] & { readonly schemaUrl?: string | undefined };

/** The scope as the SDK builds it: `LoggerProvider#getLogger` may add attributes. */
export interface Scope {
  readonly name: string;
  readonly version?: string | undefined;
  readonly schemaUrl?: string | undefined;
  readonly attributes?: Readonly<Record<string, unknown>> | undefined;
  readonly droppedAttributesCount?: number | undefined;
}

export interface ScopeGroup {
  readonly scope: Scope;
  readonly records: readonly EncodableRecord[];
}

export interface ResourceGroup {
  readonly resource: Resource;
  readonly scopes: ScopeGroup[];
}

/**
 * Groups records by resource, then by scope, as the official serializers do: by object
 * identity (two equal but distinct scope objects make two ScopeLogs), in order of first
 * appearance. A batch from one logger of one provider, the common case, is not copied.
 */
export function groupRecords(records: readonly EncodableRecord[]): ResourceGroup[] {
  if (records.length === 0) return [];
  const first = records[0]!;
  const resource = first.resource;
  const scope = first.instrumentationScope;
  let i = 1;
  while (i < records.length && records[i]!.resource === resource && records[i]!.instrumentationScope === scope) i++;
  if (i === records.length) return [{ resource, scopes: [{ scope, records }] }];
  return groupByIdentity(records);
}

function groupByIdentity(records: readonly EncodableRecord[]): ResourceGroup[] {
  const groups: ResourceGroup[] = [];
  const byResource = new Map<object, { group: ResourceGroup; byScope: Map<object, EncodableRecord[]> }>();
  for (const record of records) {
    let entry = byResource.get(record.resource);
    if (entry === undefined) {
      entry = { group: { resource: record.resource, scopes: [] }, byScope: new Map() };
      byResource.set(record.resource, entry);
      groups.push(entry.group);
    }
    let scoped = entry.byScope.get(record.instrumentationScope);
    if (scoped === undefined) {
      scoped = [];
      entry.byScope.set(record.instrumentationScope, scoped);
      entry.group.scopes.push({ scope: record.instrumentationScope, records: scoped });
    }
    scoped.push(record);
  }
  return groups;
}
