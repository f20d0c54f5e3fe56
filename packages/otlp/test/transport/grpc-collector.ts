import { createServer as createHttp2Server, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { Metadata, Server, ServerCredentials, status, type handleUnaryCall, type ServiceDefinition } from '@grpc/grpc-js';
import { decodeLogsRequest } from '@logweave/testing';

export const EXPORT_PATH = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';

const identity = (bytes: Buffer) => bytes;
const logsService: ServiceDefinition = {
  Export: {
    path: EXPORT_PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  },
};

/** What the collector answers the next calls with; it accepts once the script is spent. */
export type GrpcReply =
  | { kind: 'status'; code: status; details: string; retryDelayMillis?: number }
  | { kind: 'partial-success'; rejected: number; message: string }
  | { kind: 'hang' };

export interface GrpcCall {
  metadata: Record<string, unknown>;
  /** The ExportLogsServiceRequest as it arrived (after any gRPC decompression). */
  request: Buffer;
  bodies: string[];
  clientCommonName?: string;
}

/** A grpc-js server on 127.0.0.1 serving LogsService/Export, decoding with the official schema. */
export async function startGrpcCollector(credentials = ServerCredentials.createInsecure()) {
  const calls: GrpcCall[] = [];
  const script: GrpcReply[] = [];
  const server = new Server();
  const exportLogs: handleUnaryCall<Buffer, Buffer> = (call, callback) => {
    const entry: GrpcCall = {
      metadata: call.metadata.getMap(),
      request: call.request,
      bodies: decodeLogsRequest(call.request, 'protobuf').records.map((r) => String(r.body)),
    };
    const commonName = call.getAuthContext().sslPeerCertificate?.subject.CN;
    if (commonName !== undefined) entry.clientCommonName = String(commonName);
    calls.push(entry);
    const reply = script.shift();
    if (reply?.kind === 'hang') return;
    if (reply?.kind === 'status') return callback(statusError(reply));
    callback(null, reply?.kind === 'partial-success' ? partialSuccess(reply.rejected, reply.message) : Buffer.alloc(0));
  };
  server.addService(logsService, { Export: exportLogs });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', credentials, (error, bound) => (error === null ? resolve(bound) : reject(error))),
  );
  return {
    port,
    calls,
    reply: (...replies: GrpcReply[]) => void script.push(...replies),
    close: () => server.forceShutdown(),
  };
}

function statusError(reply: Extract<GrpcReply, { kind: 'status' }>) {
  const metadata = new Metadata();
  if (reply.retryDelayMillis !== undefined) {
    metadata.set('grpc-status-details-bin', rpcStatusWithRetryInfo(reply.code, reply.details, reply.retryDelayMillis));
  }
  return { code: reply.code, details: reply.details, metadata };
}

/**
 * A bare HTTP/2 server speaking just enough gRPC to show what is on the wire: the grpc-encoding
 * header and the message's compressed flag, which grpc-js hides from its handlers.
 */
export async function startWireGrpcCollector() {
  const calls: { headers: IncomingHttpHeaders; compressed: boolean; bodies: string[] }[] = [];
  const server = createHttp2Server();
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const frame = Buffer.concat(chunks);
      const compressed = frame[0] === 1;
      const message = frame.subarray(5, 5 + frame.readUInt32BE(1));
      const body = compressed ? gunzipSync(message) : message;
      calls.push({ headers, compressed, bodies: decodeLogsRequest(body, 'protobuf').records.map((r) => String(r.body)) });
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(Buffer.from([0, 0, 0, 0, 0]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Protobuf by hand for the two messages a test collector answers with.
function varint(value: number): number[] {
  const bytes: number[] = [];
  for (let v = value; ; v = Math.floor(v / 128)) {
    if (v < 128) return [...bytes, v];
    bytes.push((v % 128) | 128);
  }
}
const lengthDelimited = (field: number, bytes: Uint8Array) => Buffer.from([...varint((field << 3) | 2), ...varint(bytes.length), ...bytes]);
const varintField = (field: number, value: number) => Buffer.from([...varint(field << 3), ...varint(value)]);

/** ExportLogsServiceResponse { partial_success { rejected_log_records, error_message } } */
export function partialSuccess(rejected: number, message: string): Buffer {
  return lengthDelimited(1, Buffer.concat([varintField(1, rejected), lengthDelimited(2, Buffer.from(message))]));
}

/** google.rpc.Status { code, message, details: [Any(google.rpc.RetryInfo { retry_delay })] } */
export function rpcStatusWithRetryInfo(code: number, message: string, delayMillis: number): Buffer {
  const duration = Buffer.concat([varintField(1, Math.floor(delayMillis / 1000)), varintField(2, (delayMillis % 1000) * 1e6)]);
  const retryInfo = lengthDelimited(1, duration);
  const any = Buffer.concat([lengthDelimited(1, Buffer.from('type.googleapis.com/google.rpc.RetryInfo')), lengthDelimited(2, retryInfo)]);
  return Buffer.concat([varintField(1, code), lengthDelimited(2, Buffer.from(message)), lengthDelimited(3, any)]);
}
