import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { decodeLogsRequest } from '@logweave/testing';

/**
 * A collector that answers its first `trickled` requests 200 but sends the body one byte every
 * 500 ms, for ever; later requests are decoded and answered at once.
 */
export async function startTricklingCollector(trickled: number) {
  const received: string[][] = [];
  const sockets = new Set<Socket>();
  let requests = 0;
  let bytesTrickled = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (++requests <= trickled) {
        res.writeHead(200, { 'content-type': 'application/x-protobuf' });
        const trickle = setInterval(() => {
          bytesTrickled++;
          res.write(Buffer.from([0]));
        }, 500);
        res.on('close', () => clearInterval(trickle));
        return;
      }
      received.push(decodeLogsRequest(Buffer.concat(chunks), 'protobuf').records.map((r) => String(r.body)));
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/logs`,
    received,
    requests: () => requests,
    bytesTrickled: () => bytesTrickled,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
