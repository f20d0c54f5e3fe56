import type { CliIo } from './cli-io.ts';
import { readShipOptions } from './ship-options.ts';

/**
 * `logweave ship`: an otlpSink fed by parse's file shipper, until `io.signal` aborts. Exits 0
 * when everything read was delivered (or is on disk), 1 when lines were left unacknowledged or
 * records dropped (the summary says which).
 */
export async function shipCommand(args: string[], io: CliIo): Promise<number> {
  const options = readShipOptions(args);
  // Loaded once the command line is known to be good: the sink's dependencies take a while.
  const { runShip } = await import('./ship-run.ts');
  return runShip(options, io);
}
