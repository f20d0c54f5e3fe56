export { severity, type SeverityStage } from './severity-stage.ts';
export type { SeverityStats } from './internal/counters.ts';
export type { SeverityAttribute, SeverityOptions, SeveritySource, SeverityTableOptions } from './options.ts';
export { severityTable, lookupSeverity, type SeverityTable } from './severity-table.ts';
export {
  severityPresets,
  DEFAULT_PRESETS,
  DEFAULT_NUMBERS,
  type SeverityPreset,
  type SeverityPresetName,
  type NumericPresetName,
} from './presets.ts';
export { severityShortName, severityRangeName, severityShortNames, type SeverityLevelLike } from './short-names.ts';
