import type { Stage } from '@logweave/core';
import { enrich } from '@logweave/enrich';
import { minSeverity } from '@logweave/filter';
import { redact } from '@logweave/redact';
import { severity } from '@logweave/severity';

/**
 * The stages of row (c), each with the configuration a service would start with: severity and
 * redact with their defaults, enrich with its defaults plus two static attributes, and a minimum
 * severity of DEBUG. No record of the bench is below DEBUG, so every row hands the same records
 * to its sink and differs only by the stages' work.
 */
export const STAGE_FACTORIES = {
  severity: (): Stage => severity(),
  enrich: (): Stage => enrich({ attributes: { 'cloud.region': 'eu-west-1', 'cloud.availability_zone': 'eu-west-1a' } }),
  redact: (): Stage => redact(),
  filter: (): Stage => minSeverity('DEBUG'),
} as const;

export type StageName = keyof typeof STAGE_FACTORIES;

export const STAGE_NAMES = Object.keys(STAGE_FACTORIES) as StageName[];

/** severity → enrich → redact → filter, the order of the design's flow. */
export function fullStageSet(): Stage[] {
  return STAGE_NAMES.map((name) => STAGE_FACTORIES[name]());
}
