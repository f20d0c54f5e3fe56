import fc from 'fast-check';
import { startOtlpReceiver, type ReceivedLogRecord } from '@logweave/testing';
import { ID, providerTo } from '../support/full-pipeline.ts';
import { after, before, filler, secret, type Secret } from './secrets.ts';

/** Where the secret goes in the record, and how the record carries it. */
const PLACEMENTS = ['body', 'attribute', 'nested body', 'nested attribute', 'JSON body', 'logfmt body', 'number value'] as const;
type Placement = (typeof PLACEMENTS)[number];

export interface RedactionCase {
  secret: Secret;
  placement: Placement;
  key: string;
  prefix: string;
  open: string;
  close: string;
  suffix: string;
}

export const redactionCase: fc.Arbitrary<RedactionCase> = fc.record({
  secret,
  placement: fc.constantFrom(...PLACEMENTS),
  key: fc.oneof(fc.constantFrom('note', 'message', 'detail', 'http.url', 'db.statement', 'user.comment'), fc.string({ maxLength: 12 })),
  prefix: filler,
  open: before,
  close: after,
  suffix: filler,
});

/** The record the application emits for a case, with the texts that were not the secret. */
export function recordFor(c: RedactionCase): { body: unknown; attributes: Record<string, unknown>; publicText: string[] } {
  const text = `${c.prefix}${c.open}${c.secret.text}${c.close}${c.suffix}`;
  const publicText = [c.prefix, c.suffix, c.key, ...c.secret.publicParts];
  switch (c.placement) {
    case 'body':
      return { body: text, attributes: {}, publicText };
    case 'attribute':
      return { body: 'secret in an attribute', attributes: { [c.key]: text }, publicText };
    case 'nested body':
      return { body: { order: { notes: [c.prefix, { [c.key]: text }] } }, attributes: {}, publicText };
    case 'nested attribute':
      return { body: 'secret nested in an attribute', attributes: { context: { [c.key]: [text] } }, publicText };
    case 'JSON body':
      return { body: JSON.stringify({ msg: 'request failed', level: 'error', ctx: { [c.key]: text } }), attributes: {}, publicText };
    case 'logfmt body':
      return { body: `level=warn msg="${text.replace(/[\\"]/g, '\\$&')}" ${c.key.replace(/[\s="]/g, '')}=x`, attributes: {}, publicText };
    default:
      return c.secret.number === undefined
        ? { body: text, attributes: {}, publicText }
        : { body: { amount: 12, card: c.secret.number }, attributes: { [c.key]: c.secret.number }, publicText };
  }
}

/** Every string of a received record, numbers as their digits: where a secret could hide. */
export function receivedTexts(record: ReceivedLogRecord): string[] {
  const out: string[] = [record.severityText, record.eventName];
  const pending: unknown[] = [record.body, record.attributes];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') out.push(value);
    else if (typeof value === 'number' || typeof value === 'bigint') out.push(String(value));
    else if (Array.isArray(value)) pending.push(...(value as unknown[]));
    else if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
      for (const [key, inner] of Object.entries(value)) pending.push(key, inner);
    }
  }
  return out;
}

function occurrences(haystack: readonly string[], needle: string): number {
  let count = 0;
  for (const text of haystack) for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) count++;
  return count;
}

/**
 * A receiver and a provider with every stage, for the redaction property: each case is emitted,
 * flushed, and looked up in what the receiver decoded.
 */
export async function redactionHarness() {
  const received = new Map<string, ReceivedLogRecord>();
  const receiver = await startOtlpReceiver({
    onRecords: (records) => {
      for (const record of records) received.set(String(record.attributes[ID]), record);
    },
  });
  const { provider, logger } = providerTo(receiver.url, { sink: { scheduledDelayMillis: 1 } });
  let next = 0;

  /** Emits the case; returns a description of the leak, or undefined when the secret did not arrive. */
  async function leak(c: RedactionCase): Promise<string | undefined> {
    const id = `case-${next++}`;
    const { body, attributes, publicText } = recordFor(c);
    logger.emit({ body: body as never, attributes: { ...attributes, [ID]: id } as never });
    await provider.forceFlush();
    const record = received.get(id);
    if (record === undefined) return `record ${id} never arrived`;
    const texts = receivedTexts(record);
    for (const core of c.secret.cores) {
      const allowed = occurrences(publicText, core);
      if (occurrences(texts, core) > allowed) return `${c.secret.kind} ${JSON.stringify(core)} reached the receiver: ${JSON.stringify(texts)}`;
    }
    return undefined;
  }

  async function close(): Promise<void> {
    await provider.shutdown();
    await receiver.close();
  }
  return { leak, close };
}
