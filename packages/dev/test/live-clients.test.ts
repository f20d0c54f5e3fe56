import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDevReceiver, type DevReceiver } from '../src/index.ts';
import { openEvents, otlpJson } from './helpers.ts';

let receiver: DevReceiver | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await receiver?.close();
  receiver = undefined;
});

async function start(maxLiveClients: number): Promise<DevReceiver> {
  receiver = await startDevReceiver({ port: 0, color: false, write: () => {}, ring: 4096, maxLiveClients });
  return receiver;
}

const post = (body: string) => fetch(`${receiver!.url}/v1/logs`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

/** A page that connects and then never reads. */
function stalledClient(port: number): Socket {
  const socket = connect(port, '127.0.0.1', () => socket.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
  socket.pause();
  sockets.push(socket);
  return socket;
}

describe('startDevReceiver live clients', () => {
  it('answers 503 to a page beyond maxLiveClients while every connected page keeps up', async () => {
    await start(2);
    const first = await openEvents(`${receiver!.url}/events`);
    const second = await openEvents(`${receiver!.url}/events`);
    const third = await fetch(`${receiver!.url}/events`);
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('5');
    await post(otlpJson([{ body: 'still live' }]));
    expect(JSON.parse((await first.until(2))[1]!.data).body).toBe('still live');
    expect(JSON.parse((await second.until(2))[1]!.data).body).toBe('still live');
    first.close();
    second.close();
    expect(receiver!.stats()).toMatchObject({ liveClientsRefused: 1, slowClientsDropped: 0 });
  });

  it('drops the slowest stalled page to make room for a new one', async () => {
    const { port } = await start(2);
    stalledClient(port);
    const reading = await openEvents(`${receiver!.url}/events`);
    await expect.poll(() => receiver!.stats().liveClients).toBe(2);
    // Fill the stalled page's socket: a page that reads takes it all in.
    const batch = otlpJson(Array.from({ length: 16 }, () => ({ body: 'x'.repeat(64 * 1024) })));
    let posted = 0;
    while (receiver!.stats().stalledClients === 0 && posted < 200) {
      await post(batch);
      posted++;
      await reading.until(1 + posted * 16);
    }
    expect(receiver!.stats().stalledClients).toBe(1);

    const newcomer = await openEvents(`${receiver!.url}/events`);
    expect(newcomer.response.status).toBe(200);
    expect(receiver!.stats()).toMatchObject({ liveClients: 2, slowClientsDropped: 1, liveClientsRefused: 0 });
    reading.close();
    newcomer.close();
  });

  it('rejects a maxLiveClients that is not a positive integer', async () => {
    await expect(startDevReceiver({ port: 0, maxLiveClients: 0 })).rejects.toThrow(/startDevReceiver: maxLiveClients/);
  });
});
