import { severityShortName, severityTable, type SeverityTable } from '@logweave/severity';

// The severity package's own tables: syslog codes (RFC 5424, OTel Appendix B) and HTTP status classes.
let syslogTable: SeverityTable | undefined;
let httpTable: SeverityTable | undefined;

/** RFC 5424 severity code 0..7 → SeverityNumber. */
export function syslogSeverity(code: number): number {
  return (syslogTable ??= severityTable({ presets: ['syslog'], numbers: 'syslog' })).lookupNumber(code);
}

/** HTTP status → SeverityNumber: 1xx..3xx INFO, 4xx WARN, 5xx ERROR. */
export function httpSeverity(status: number): number {
  return (httpTable ??= severityTable({ presets: [], numbers: 'http' })).lookupNumber(status);
}

export { severityShortName };
