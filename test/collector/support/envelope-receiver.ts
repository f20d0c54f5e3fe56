import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { decodeLogsRequest } from '@logweave/testing';

type Decoded = Record<string, unknown>;

/** What ReceivedLogRecord does not carry: the resource and scope envelope of each record group. */
export interface Envelope {
  service: string;
  resourceSchemaUrl: string;
  resourceDroppedAttributesCount: number;
  scope: string;
  scopeSchemaUrl: string;
  scopeDroppedAttributesCount: number;
}

/**
 * A Collector's export destination that keeps each request whole, decoded with the same strict
 * decoder as @logweave/testing's receiver, for the fields a flattened record leaves out.
 */
export async function startEnvelopeReceiver(): Promise<{ url: string; envelopes(): Envelope[]; close(): Promise<void> }> {
  const messages: Decoded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const encoding = req.headers['content-type'] === 'application/json' ? 'json' : 'protobuf';
      messages.push(decodeLogsRequest(body, encoding).message);
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    envelopes: () => uniqueEnvelopes(messages),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function uniqueEnvelopes(messages: readonly Decoded[]): Envelope[] {
  const seen = new Map<string, Envelope>();
  for (const message of messages) {
    for (const resourceLogs of list(message['resourceLogs'])) {
      const resource = (resourceLogs['resource'] ?? {}) as Decoded;
      const service = list(resource['attributes']).find((kv) => kv['key'] === 'service.name');
      for (const scopeLogs of list(resourceLogs['scopeLogs'])) {
        const scope = (scopeLogs['scope'] ?? {}) as Decoded;
        const envelope: Envelope = {
          service: String((service?.['value'] as Decoded | undefined)?.['stringValue'] ?? ''),
          resourceSchemaUrl: String(resourceLogs['schemaUrl'] ?? ''),
          resourceDroppedAttributesCount: Number(resource['droppedAttributesCount'] ?? 0),
          scope: String(scope['name'] ?? ''),
          scopeSchemaUrl: String(scopeLogs['schemaUrl'] ?? ''),
          scopeDroppedAttributesCount: Number(scope['droppedAttributesCount'] ?? 0),
        };
        seen.set(JSON.stringify(envelope), envelope);
      }
    }
  }
  return [...seen.values()].sort((a, b) => `${a.service}/${a.scope}`.localeCompare(`${b.service}/${b.scope}`));
}

function list(value: unknown): Decoded[] {
  return Array.isArray(value) ? (value as Decoded[]) : [];
}
