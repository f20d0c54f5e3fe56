/**
 * Child process of the bench: an OTLP/HTTP logs receiver on 127.0.0.1 that accepts every valid
 * http/protobuf request (the encoding of every end-to-end row) (200, empty ExportLogsServiceResponse) and counts the records it accepted. Records are
 * counted by walking the protobuf wire format (count-records.ts), not decoded, so that the
 * receiver keeps up with any sender; the first request of each run is also decoded strictly with
 * @logweave/testing's decodeLogsRequest, after the run so as not to stall it, and both counts
 * must agree.
 *
 * Messages from the parent: 'reset' (start a new run), 'report' (answers ReceiverReport), 'stop'.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gunzipSync, zstdDecompressSync } from 'node:zlib';
import { decodeLogsRequest } from '@logweave/testing';
import { countProtobufRecords } from './count-records.ts';

export interface ReceiverReport {
  records: number;
  requests: number;
  bytes: number;
  /** Requests answered 400 because they could not be read. */
  invalid: number;
  /** Epoch milliseconds (sub-millisecond precision) when the first and the last accepted request had arrived whole. */
  firstAcceptedAt: number | undefined;
  lastAcceptedAt: number | undefined;
  /** The first request of the run decoded with the official schema: its record count matched the wire count. */
  verified: boolean | undefined;
}

let report: ReceiverReport = emptyReport();
/** The first request of the run, kept to be decoded when the run is over. */
let firstRequest: { body: Buffer; count: number } | undefined;

function emptyReport(): ReceiverReport {
  return { records: 0, requests: 0, bytes: 0, invalid: 0, firstAcceptedAt: undefined, lastAcceptedAt: undefined, verified: undefined };
}

const now = (): number => performance.timeOrigin + performance.now();

function handle(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      if (req.headers['content-type'] !== 'application/x-protobuf') throw new TypeError('http/protobuf only');
      const raw = Buffer.concat(chunks);
      const encoding = req.headers['content-encoding'];
      const body = encoding === 'gzip' ? gunzipSync(raw) : encoding === 'zstd' ? zstdDecompressSync(raw) : raw;
      const count = countProtobufRecords(body);
      firstRequest ??= { body, count };
      report.records += count;
      report.requests++;
      report.bytes += raw.length;
      report.lastAcceptedAt = now();
      report.firstAcceptedAt ??= report.lastAcceptedAt;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    } catch (error) {
      report.invalid++;
      res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
}

/** True when the official schema decodes the request and finds as many records as the wire walk counted. */
function verify(request: { body: Buffer; count: number }): boolean {
  try {
    return decodeLogsRequest(request.body, 'protobuf').records.length === request.count;
  } catch {
    return false;
  }
}

const server = createServer(handle);
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send!({ type: 'listening', port: typeof address === 'object' && address !== null ? address.port : 0 });
});

process.on('message', (message: { type: string }) => {
  if (message.type === 'reset') {
    report = emptyReport();
    firstRequest = undefined;
    process.send!({ type: 'reset' });
  } else if (message.type === 'report') {
    if (firstRequest !== undefined) report.verified = verify(firstRequest);
    process.send!({ type: 'report', report });
  } else if (message.type === 'stop') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
