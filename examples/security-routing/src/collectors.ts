import { startDevReceiver, type DevReceiver } from '@logweave/dev';

export interface Collectors {
  /** Everything but security and audit records. */
  main: string;
  /** The SIEM's collector: security and audit records only. */
  security: string;
  /** Receivers started here, for a run without collectors. */
  local: DevReceiver[];
}

/**
 * OTEL_EXPORTER_OTLP_ENDPOINT and SECURITY_OTLP_ENDPOINT name the two collectors; when they are
 * unset, two receivers are started here, each printing the records it gets with its own prefix.
 */
export async function collectors(): Promise<Collectors> {
  const main = process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const security = process.env['SECURITY_OTLP_ENDPOINT'];
  if (main !== undefined && security !== undefined) return { main, security, local: [] };
  const local = [
    await startDevReceiver({ port: 0, write: (line) => void process.stdout.write(`[main] ${line}\n`) }),
    await startDevReceiver({ port: 0, write: (line) => void process.stdout.write(`[siem] ${line}\n`) }),
  ];
  return { main: main ?? local[0]!.url, security: security ?? local[1]!.url, local };
}
