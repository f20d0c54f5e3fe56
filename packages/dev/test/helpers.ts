import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';

/** A real SDK exporting OTLP/HTTP protobuf to `logsUrl`; `forceFlush` resolves once the receiver answered. */
export function sdkTo(logsUrl: string, scope = 'shop.server') {
  const exporter = new OTLPLogExporter({ url: logsUrl });
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'shop' }),
    processors: [new BatchLogRecordProcessor({ exporter })],
  });
  return { provider, logger: provider.getLogger(scope) };
}

interface JsonRecord {
  body: string;
  severityNumber?: number;
  attributes?: Record<string, string>;
}

/** An OTLP/JSON ExportLogsServiceRequest, as a browser or a collector would send it. */
export function otlpJson(records: JsonRecord[]): string {
  return JSON.stringify({
    resourceLogs: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'billing' } }] },
      scopeLogs: [{
        scope: { name: 'billing.jobs' },
        logRecords: records.map((r) => ({
          timeUnixNano: '1767323045678000000',
          severityNumber: r.severityNumber ?? 9,
          body: { stringValue: r.body },
          attributes: Object.entries(r.attributes ?? {}).map(([key, value]) => ({ key, value: { stringValue: value } })),
        })),
      }],
    }],
  });
}

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/** A server-sent-events client that reads as fast as the server writes. */
export async function openEvents(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let buffer = '';
  return {
    response,
    events,
    /** Reads until `count` events (the `hello` included) have arrived. */
    async until(count: number): Promise<SseEvent[]> {
      while (events.length < count) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`event stream ended after ${events.length} of ${count} events`);
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          events.push(parseEvent(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
      }
      return events;
    },
    close: () => abort.abort(),
  };
}

function parseEvent(block: string): SseEvent {
  const event: SseEvent = { id: undefined, event: 'message', data: '' };
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    const [field, value] = [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')];
    if (field === 'id') event.id = value;
    else if (field === 'event') event.event = value;
    else if (field === 'data') event.data += value;
  }
  return event;
}
