import type { LogRecordLike, Stage } from '@logweave/core';
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

/** (c) without redact: what the other three stages of the set cost together. */
export function stageSetWithoutRedact(): Stage[] {
  return STAGE_NAMES.filter((name) => name !== 'redact').map((name) => STAGE_FACTORIES[name]());
}

/**
 * Not a logweave stage: a yardstick. It reads every character of the body and of each string
 * attribute once, with the cheapest test per character, and changes nothing: the least that a
 * stage inspecting text (redact) has to do, measured under the same conditions as the stages.
 */
export function readEveryCharacter(): Stage {
  let checksum = 0;
  const read = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0x62) continue;
      checksum += code;
    }
  };
  return {
    name: 'read-every-character',
    process(record: LogRecordLike) {
      const attributes = record.attributes;
      for (const key in attributes) {
        const value = attributes[key];
        if (typeof value === 'string') read(value);
      }
      if (typeof record.body === 'string') read(record.body);
    },
    // The checksum is kept where the optimiser cannot prove it unused.
    shutdown: async () => {
      if (checksum < 0) throw new Error('unreachable');
    },
  };
}
