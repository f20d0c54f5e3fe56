import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { gunzipSync, zstdDecompressSync } from 'node:zlib';
import { decodeLogsRequest, type OtlpEncoding } from '@logweave/testing';

export interface RawRequest {
  headers: IncomingHttpHeaders;
  /** Size on the wire, before decompression. */
  wireBytes: number;
  /** The bodies of the decoded records. */
  bodies: string[];
  /** CN of the client certificate, when the client sent one (mTLS). */
  clientCommonName?: string;
}

const ENCODINGS: Record<string, OtlpEncoding> = { 'application/x-protobuf': 'protobuf', 'application/json': 'json' };

/**
 * A bare OTLP/HTTP receiver on 127.0.0.1 that undoes gzip or zstd itself (the shared test
 * receiver knows gzip only) and decodes with the official schema through @logweave/testing.
 * With `tls`, it serves HTTPS with those options (requestCert for mTLS).
 */
export async function startRawCollector(tls?: ServerOptions) {
  const requests: RawRequest[] = [];
  const sockets = new Set<Socket>();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const wire = Buffer.concat(chunks);
      const coding = req.headers['content-encoding'];
      const body = coding === 'gzip' ? gunzipSync(wire) : coding === 'zstd' ? zstdDecompressSync(wire) : wire;
      const encoding = ENCODINGS[req.headers['content-type'] ?? ''] ?? 'protobuf';
      const peer = (req.socket as TLSSocket).getPeerCertificate?.();
      const request: RawRequest = {
        headers: req.headers,
        wireBytes: wire.byteLength,
        bodies: decodeLogsRequest(body, encoding).records.map((r) => String(r.body)),
      };
      if (peer?.subject?.CN !== undefined) request.clientCommonName = String(peer.subject.CN);
      requests.push(request);
      res.writeHead(200, { 'content-type': req.headers['content-type'] }).end();
    });
  };
  const server = tls === undefined ? createHttpServer(handle) : createHttpsServer(tls, handle);
  server.on(tls === undefined ? 'connection' : 'secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}/v1/logs`,
    requests,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
