import { dirname } from 'node:path';
import { ErrorReporter, pipeline, type Pipeline } from '@logweave/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { readCheckpoint, writeCheckpoint, type CheckpointEntry } from './internal/checkpoint.ts';
import { FileTail, type TailHost } from './internal/file-tail.ts';
import { ShipStep } from './internal/ship-step.ts';
import { FileSlot } from './internal/file-slot.ts';
import { PollTimer } from './internal/poll-timer.ts';
import { sinkProgress } from './internal/sink-progress.ts';
import { parseBody, type ParseBodyStage } from './parse-body-stage.ts';
import type { ShipStats } from './ship-stats.ts';
import { resolveShipFilesOptions, type ResolvedShipFilesOptions, type ShipFilesOptions } from './ship-options.ts';

export interface FileShipper {
  /** Sends and checkpoints what was read, then shuts the pipeline and its sinks down. Idempotent. */
  stop(): Promise<void>;
  stats(): ShipStats;
}

/**
 * Tails files line by line into a logger provider whose processor is the pipeline (a parseBody
 * stage first), follows rotation by rename and by truncation, and checkpoints the offsets of
 * what the sink has taken, so that a restart neither loses lines nor sends them twice (but for
 * the at-least-once window described in the README).
 */
export function shipFiles(options: ShipFilesOptions): FileShipper {
  return new Shipper(resolveShipFilesOptions(options));
}

type Counters = Omit<ShipStats, 'files' | 'parse' | 'pipeline' | 'lagBytes'>;

class Shipper implements FileShipper {
  readonly #options: ResolvedShipFilesOptions;
  readonly #slots: FileSlot[];
  readonly #parse: ParseBodyStage | undefined;
  readonly #pipeline: Pipeline;
  readonly #provider: LoggerProvider;
  readonly #logger: ReturnType<LoggerProvider['getLogger']>;
  readonly #host: TailHost;
  readonly #errors = new ErrorReporter('shipFiles');
  readonly #counters: Counters = {
    linesRead: 0, linesAcknowledged: 0, emptyLines: 0, truncatedLines: 0, rotations: 0, truncations: 0, checkpoints: 0,
    deferredCommits: 0, rewinds: 0, errors: 0,
  };
  readonly #timer: PollTimer;
  readonly #loop: Promise<void>;
  #stopping = false;
  #stopped: Promise<void> | undefined;
  /** The sink holds nothing from an earlier flush: reading may go on. */
  #settled = true;
  /** Lines were sent or offsets moved since the last checkpoint. */
  #dirty = false;
  readonly #step: ShipStep;

  constructor(options: ResolvedShipFilesOptions) {
    this.#options = options;
    this.#step = new ShipStep(options.commitLines, options.commitBytes);
    this.#parse = options.formats === undefined ? undefined : parseBody({ ...options.parse, formats: options.formats });
    this.#pipeline = pipeline({ name: 'shipFiles', stages: this.#parse === undefined ? [] : [this.#parse], sink: options.target });
    this.#provider = new LoggerProvider({ processors: [this.#pipeline] });
    this.#logger = this.#provider.getLogger('@logweave/parse');
    this.#host = {
      buffer: Buffer.allocUnsafe(options.chunkBytes),
      maxLineBytes: options.maxLineBytes,
      line: (text, tail) => this.#send(text, tail),
      emptyLine: () => void this.#counters.emptyLines++,
      truncatedLine: () => void this.#counters.truncatedLines++,
    };
    this.#slots = options.files.map((path) => new FileSlot(path, this.#host));
    this.#timer = new PollTimer(options.pollIntervalMillis);
    this.#loop = this.#run().catch((error: unknown) => this.#report('the read loop', error));
  }

  stop(): Promise<void> {
    this.#stopped ??= this.#shutDown();
    return this.#stopped;
  }

  stats(): ShipStats {
    return {
      ...this.#counters,
      lagBytes: this.#slots.reduce((sum, slot) => sum + slot.lagBytes(this.#step.acknowledged), 0),
      files: this.#slots.map((slot) => ({
        path: slot.path, offset: slot.current?.lineStart, size: slot.current?.size, rotated: slot.rotated.length,
      })),
      parse: this.#parse?.stats(),
      pipeline: this.#pipeline.stats(),
    };
  }

  async #run(): Promise<void> {
    await this.#startUp();
    while (!this.#stopping) {
      this.#timer.roundStarted();
      await this.#round();
      if (!this.#stopping) await this.#timer.sleep();
    }
    if (this.#dirty || !this.#settled) await this.#commit();
  }

  async #startUp(): Promise<void> {
    let entries: CheckpointEntry[] | undefined;
    if (this.#options.checkpointFile !== undefined) {
      entries = await readCheckpoint(this.#options.checkpointFile).catch((error: unknown) => {
        this.#report('reading the checkpoint', error);
        return undefined;
      });
    }
    for (const slot of this.#slots) {
      await slot.resume(entries, this.#options.startAtEnd).catch((error: unknown) => this.#report(`opening ${slot.path}`, error));
    }
    this.#step.start(this.#slots.flatMap((slot) => slot.checkpoint()), sinkProgress(this.#options.target).refused);
    this.#timer.watch(new Set(this.#slots.map((slot) => dirname(slot.path))));
  }

  /** Reads every file (unless the sink still holds records), then flushes and checkpoints. */
  async #round(): Promise<void> {
    if (this.#settled) {
      for (const slot of this.#slots) {
        const goOn = await this.#poll(slot).catch((error: unknown) => {
          this.#report(`reading ${slot.path}`, error);
          return true;
        });
        if (!goOn) break;
      }
    }
    if (this.#dirty || !this.#settled) await this.#commit();
  }

  /** Rotated files first, to keep the order of lines; false when reading must wait. */
  async #poll(slot: FileSlot): Promise<boolean> {
    const change = await slot.followRotation();
    if (change !== undefined) {
      this.#counters[change]++;
      this.#dirty = true;
    }
    for (const tail of slot.rotated.slice()) {
      if (!(await this.#read(tail))) return false;
      if (Date.now() - tail.lastGrowthAt >= this.#options.rotateWaitMillis) {
        await slot.finishRotated(tail);
        this.#dirty = true;
      }
    }
    return slot.current === undefined || this.#read(slot.current);
  }

  async #read(tail: FileTail): Promise<boolean> {
    for (;;) {
      const outcome = await tail.readLines(this.#step.budget);
      if (outcome === 'eof') return true;
      if (!(await this.#commit()) || this.#stopping) return false;
    }
  }

  #send(text: string, tail: FileTail): void {
    this.#counters.linesRead++;
    this.#step.lines++;
    this.#dirty = true;
    this.#logger.emit({ body: text, attributes: tail.attributes });
  }

  /**
   * Flushes the pipeline and asks the sink (for sinks whose stats() report `queued`, `inFlight`
   * and `droppedBy`, such as otlpSink) whether it still holds records of this step. Only when it
   * holds none are the lines acknowledged and their offsets written; reading waits until then.
   * True when reading may go on where it stopped.
   */
  async #commit(): Promise<boolean> {
    let progress;
    try {
      await this.#provider.forceFlush();
      progress = sinkProgress(this.#options.target);
    } catch (error) {
      this.#report('flushing', error);
    }
    this.#settled = progress !== undefined && progress.pending === 0;
    if (progress === undefined || !this.#settled) {
      this.#counters.deferredCommits++;
      return false;
    }
    if (this.#step.refusedSince(progress.refused)) {
      // On the way out the next run reads the step again; now, this run does.
      if (!this.#stopping) await this.#rewind();
      return false;
    }
    this.#counters.linesAcknowledged += this.#step.acknowledge(this.#slots.flatMap((slot) => slot.checkpoint()));
    await this.#writeCheckpoint();
    return true;
  }

  async #writeCheckpoint(): Promise<void> {
    const file = this.#options.checkpointFile;
    if (!this.#dirty || file === undefined) {
      this.#dirty = false;
      return;
    }
    this.#dirty = false;
    try {
      await writeCheckpoint(file, this.#step.acknowledged);
      this.#counters.checkpoints++;
    } catch (error) {
      this.#dirty = true;
      this.#report('writing the checkpoint', error);
    }
  }

  /** The sink refused lines of this step: every file goes back to its acknowledged offset, with a smaller step. */
  async #rewind(): Promise<void> {
    this.#counters.rewinds++;
    this.#step.rewind();
    for (const slot of this.#slots) {
      await slot.resume(this.#step.acknowledged, false).catch((error: unknown) => this.#report(`reopening ${slot.path}`, error));
    }
  }

  async #shutDown(): Promise<void> {
    this.#stopping = true;
    this.#timer.interrupt();
    await this.#loop;
    this.#timer.close();
    await this.#provider.shutdown().catch((error: unknown) => this.#report('shutting down', error));
    await Promise.all(this.#slots.map((slot) => slot.close()));
  }

  #report(what: string, error: unknown): void {
    this.#counters.errors++;
    this.#errors.report(what, error);
  }
}
