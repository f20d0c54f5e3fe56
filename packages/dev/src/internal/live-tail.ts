import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordRing } from './record-ring.ts';

interface Client {
  res: ServerResponse;
  /** The number of the next record to send it. */
  next: number;
  /** Its socket buffer is full: nothing more is written until 'drain'. */
  waiting: boolean;
}

/**
 * Server-sent events for the live page. The ring is the only queue: each client keeps a cursor
 * into it, and is written to only while its socket takes more (at most one socket buffer held
 * per client). A client that stops reading falls behind; once the ring has overwritten the next
 * record it needs, it is disconnected and counted. A browser's EventSource then reconnects
 * with Last-Event-ID and is told how many records it missed. At most `maxClients` are connected:
 * a new one takes the place of the slowest stalled client, or is answered 503 when none stalls.
 *
 * Event ids are `<instance>.<seq>`: a page that outlived a restart of the receiver starts over
 * instead of skipping the new receiver's first records.
 */
export class LiveTail {
  readonly #ring: RecordRing;
  readonly #capacity: number;
  readonly #maxClients: number;
  readonly #clients = new Set<Client>();
  readonly #instance = randomUUID().slice(0, 8);
  #dropped = 0;
  #refused = 0;
  #health: string | undefined;

  constructor(ring: RecordRing, capacity: number, maxClients: number) {
    this.#ring = ring;
    this.#capacity = capacity;
    this.#maxClients = maxClients;
  }

  get clients(): number {
    return this.#clients.size;
  }

  /** Clients disconnected because they fell a whole ring behind, or stalled while others waited. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Clients whose socket is full: they read slower than records arrive. */
  get stalled(): number {
    let stalled = 0;
    for (const client of this.#clients) if (client.waiting) stalled++;
    return stalled;
  }

  /** Connections answered 503 because `maxClients` pages that keep up were connected. */
  get refused(): number {
    return this.#refused;
  }

  connect(req: IncomingMessage, res: ServerResponse): void {
    if (this.#clients.size >= this.#maxClients && !this.#dropSlowest()) {
      this.#refused++;
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' });
      res.end(`${this.#maxClients} live pages connected already`);
      return;
    }
    const from = this.#resumeFrom(req.headers['last-event-id']);
    const next = Math.max(from, this.#ring.firstSeq);
    const missed = next - from;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
    res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ ring: this.#capacity, instance: this.#instance, from: next, missed })}\n\n`);
    if (this.#health !== undefined) res.write(this.#health);
    const client: Client = { res, next, waiting: false };
    this.#clients.add(client);
    res.on('close', () => this.#clients.delete(client));
    res.on('drain', () => {
      client.waiting = false;
      this.#pump(client);
    });
    this.#pump(client);
  }

  /** Sends what the ring received since each client's cursor. */
  publish(): void {
    for (const client of this.#clients) this.#pump(client);
  }

  /** The pipeline's own health: sent to every page now (those whose socket takes it) and to each new one. */
  publishHealth(health: unknown): void {
    this.#health = `event: health\ndata: ${JSON.stringify(health)}\n\n`;
    for (const client of this.#clients) if (!client.waiting) client.res.write(this.#health);
  }

  close(): void {
    for (const client of this.#clients) client.res.destroy();
    this.#clients.clear();
  }

  /** After the last record the browser saw, or from the oldest held for a new page. */
  #resumeFrom(lastEventId: string | string[] | undefined): number {
    const [instance, seq] = typeof lastEventId === 'string' ? lastEventId.split('.') : [];
    const last = Number(seq);
    const known = instance === this.#instance && Number.isInteger(last) && last >= 0 && last <= this.#ring.lastSeq;
    return known ? last + 1 : this.#ring.firstSeq;
  }

  /** Makes room for a new page by dropping the stalled client furthest behind; false when none is stalled. */
  #dropSlowest(): boolean {
    let slowest: Client | undefined;
    for (const client of this.#clients) {
      if (client.waiting && (slowest === undefined || client.next < slowest.next)) slowest = client;
    }
    if (slowest === undefined) return false;
    this.#dropped++;
    this.#clients.delete(slowest);
    slowest.res.destroy();
    return true;
  }

  #pump(client: Client): void {
    if (client.next < this.#ring.firstSeq) {
      this.#dropped++;
      this.#clients.delete(client);
      client.res.destroy();
      return;
    }
    if (client.waiting || client.next > this.#ring.lastSeq) return;
    const batch = client.next < this.#ring.lastSeq;
    if (batch) client.res.cork();
    while (!client.waiting && client.next <= this.#ring.lastSeq) {
      const entry = this.#ring.get(client.next++)!;
      client.waiting = !client.res.write(`id: ${this.#instance}.${entry.seq}\ndata: ${entry.json}\n\n`);
    }
    if (batch) client.res.uncork();
  }
}
