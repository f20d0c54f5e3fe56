import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { decodeLogsRequest, OtlpDecodeError, type OtlpEncoding, type ReceivedLogRecord } from '@logweave/otlp-schema';

const gunzipAsync = promisify(gunzip);

const CONTENT_TYPES: Record<string, OtlpEncoding> = {
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/json': 'json',
};

export type LogsRequestResult =
  | { status: 200; encoding: OtlpEncoding; records: ReceivedLogRecord[] }
  | { status: 400 | 413 | 415; error: string };

/** Reads and decodes one OTLP/HTTP logs request (protobuf or JSON, optionally gzip) with the official schema. */
export async function readLogsRequest(req: IncomingMessage, maxBodyBytes: number): Promise<LogsRequestResult> {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const encoding = CONTENT_TYPES[contentType];
  const body = await readBody(req, maxBodyBytes);
  if (encoding === undefined) return { status: 415, error: `unsupported content-type ${JSON.stringify(contentType)}` };
  if (body === undefined) return { status: 413, error: `body larger than ${maxBodyBytes} bytes` };
  try {
    const gzip = (req.headers['content-encoding'] ?? '').toLowerCase() === 'gzip';
    const raw = gzip ? await gunzipAsync(body, { maxOutputLength: maxBodyBytes }) : body;
    return { status: 200, encoding, records: decodeLogsRequest(raw, encoding).records };
  } catch (error) {
    if (error instanceof OtlpDecodeError) return { status: 400, error: error.message };
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return { status: 413, error: `body larger than ${maxBodyBytes} bytes once decompressed` };
    }
    return { status: 400, error: `cannot read body: ${(error as Error).message}` };
  }
}

/**
 * A full success, in the request's encoding: an ExportLogsServiceResponse with no field set is
 * zero bytes in protobuf and `{}` in JSON.
 */
export function successBody(encoding: OtlpEncoding): string {
  return encoding === 'json' ? '{}' : '';
}

/** The whole body, or undefined past the limit (read to the end anyway, so the client gets the answer). */
async function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= maxBodyBytes) chunks.push(chunk as Buffer);
  }
  return size <= maxBodyBytes ? Buffer.concat(chunks) : undefined;
}
