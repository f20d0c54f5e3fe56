import type { FileShipper } from '@logweave/parse';

/** Where shipping stands: the shipper's lines and the sink's records, as the progress and summary lines show them. */
export interface ShipSnapshot {
  files: number;
  linesRead: number;
  /** Lines the sink confirmed: the checkpoint is at the last of them. */
  linesAcknowledged: number;
  lagBytes: number;
  /** Records handed to the sink. */
  sent: number;
  /** Records the collector accepted. */
  delivered: number;
  /** Records the sink holds: queued, being sent or waiting to be retried. */
  pending: number;
  /** Records in the on-disk queue (durable mode). */
  onDisk: number | undefined;
  dropped: number;
  droppedBy: Record<string, number>;
  lastError: string | undefined;
}

/** What the summary reads from the sink's stats() (otlpSink's shape: counts and a droppedBy reason map). */
interface SinkCounts {
  queued?: number;
  inFlight?: number;
  exported?: number;
  rejected?: number;
  droppedBy?: Record<string, number>;
  onDisk?: number;
  lastError?: string | undefined;
}

export function snapshotOf(shipper: FileShipper, sink: { stats(): object }): ShipSnapshot {
  const ship = shipper.stats();
  const counts = sink.stats() as SinkCounts;
  const droppedBy: Record<string, number> = {};
  const add = (reason: string, n: number | undefined) => {
    if (n !== undefined && n > 0) droppedBy[reason] = (droppedBy[reason] ?? 0) + n;
  };
  for (const [stage, n] of Object.entries(ship.pipeline.droppedBy)) add(stage, n);
  for (const [reason, n] of Object.entries(counts.droppedBy ?? {})) add(reason, n);
  add('rejected-by-collector', counts.rejected);
  return {
    files: ship.files.length,
    linesRead: ship.linesRead,
    linesAcknowledged: ship.linesAcknowledged,
    lagBytes: ship.lagBytes,
    sent: ship.pipeline.forwarded,
    delivered: counts.exported ?? 0,
    pending: (counts.queued ?? 0) + (counts.inFlight ?? 0),
    onDisk: counts.onDisk,
    dropped: Object.values(droppedBy).reduce((sum, n) => sum + n, 0),
    droppedBy,
    lastError: counts.lastError,
  };
}

/** One line of progress: files, lines read and acknowledged, lag, and the delivery state. */
export function progressLine(s: ShipSnapshot): string {
  let line = `files ${s.files} · lines read ${s.linesRead}, acknowledged ${s.linesAcknowledged} · lag ${formatBytes(s.lagBytes)} · delivered ${s.delivered}`;
  if (s.onDisk !== undefined) line += ` · on disk ${s.onDisk}`;
  if (s.dropped > 0) line += ` · dropped ${s.dropped}`;
  if (s.pending > 0) line += ` · ${s.pending} records waiting${s.lastError === undefined ? '' : ` (${s.lastError})`}`;
  return line;
}

/** The closing summary: lines read / sent / delivered / dropped with reasons, and what a restart does. */
export function summaryLines(s: ShipSnapshot, checkpoint: string | undefined): string[] {
  const reasons = Object.entries(s.droppedBy).map(([reason, n]) => `${reason} ${n}`).join(', ');
  const dropped = s.dropped === 0 ? 'dropped 0' : `dropped ${s.dropped} (${reasons})`;
  const onDisk = s.onDisk === undefined ? '' : `, on disk ${s.onDisk}`;
  const lines = [
    `lines read ${s.linesRead}, sent ${s.sent}, delivered ${s.delivered}${onDisk}, ${dropped}`,
    `lines acknowledged ${s.linesAcknowledged}, lag ${formatBytes(s.lagBytes)}; ${checkpoint === undefined ? 'no checkpoint' : `checkpoint ${checkpoint}`}`,
  ];
  const unacknowledged = s.linesRead - s.linesAcknowledged;
  if (unacknowledged > 0) {
    lines.push(checkpoint === undefined
      ? `${unacknowledged} lines read were not acknowledged and, without a checkpoint, are not read again`
      : `${unacknowledged} lines read were not acknowledged: the next run reads them again from the checkpoint`);
  }
  return lines;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}
