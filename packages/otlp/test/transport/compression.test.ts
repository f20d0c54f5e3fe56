import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveTargetOptions } from '../../src/target-options.ts';
import { resolveCompressor } from '../../src/transport/compression.ts';
import { startRawCollector } from './raw-collector.ts';
import { encodedRequest, makeTarget } from './support.ts';

const open = new AbortController().signal;
let collector: Awaited<ReturnType<typeof startRawCollector>>;
beforeEach(async () => {
  collector = await startRawCollector();
});
afterEach(() => collector.close());

describe('compression', () => {
  it.each([
    ['none', 'protobuf', undefined],
    ['gzip', 'protobuf', 'gzip'],
    ['zstd', 'protobuf', 'zstd'],
    ['gzip', 'json', 'gzip'],
    ['zstd', 'json', 'zstd'],
  ] as const)('sends %s over %s, and the receiver decodes every record', async (compression, encoding, contentEncoding) => {
    const target = makeTarget({ url: collector.url, compression, protocol: encoding === 'json' ? 'http/json' : 'http/protobuf' });
    const request = await encodedRequest(50, encoding);
    await expect(target.send(request, open)).resolves.toEqual({ ok: true, rejected: 0, message: '' });
    const [received] = collector.requests;
    expect(received!.headers['content-encoding']).toBe(contentEncoding);
    expect(received!.bodies).toEqual(Array.from({ length: 50 }, (_, i) => `order ${i}`));
    if (compression !== 'none') expect(received!.wireBytes).toBeLessThan(request.bytes.byteLength / 3);
    await target.close();
  });

  it('compresses gzip at the level asked for (the gzip header says fastest or best)', async () => {
    const request = await encodedRequest(200);
    for (const compressionLevel of [1, 9]) {
      const target = makeTarget({ url: collector.url, compression: 'gzip', compressionLevel });
      await target.send(request, open);
      await target.close();
    }
    const [fastest, best] = collector.requests;
    expect(best!.wireBytes).toBeLessThan(fastest!.wireBytes);
    expect(best!.bodies).toEqual(fastest!.bodies);
    const gzip = await resolveCompressor('gzip', 1, 'test').compress(request.bytes);
    // RFC 1952 XFL: 4 = fastest algorithm, 2 = maximum compression.
    expect(gzip[8]).toBe(4);
    expect((await resolveCompressor('gzip', 9, 'test').compress(request.bytes))[8]).toBe(2);
  });

  it('refuses an unknown codec, a level out of range and zstd over gRPC at set-up', () => {
    expect(() => resolveTargetOptions({ compression: 'brotli' as 'gzip' }, 'otlpTarget', {})).toThrow(
      new TypeError(`otlpTarget: compression must be 'gzip', 'zstd' or 'none'; got "brotli"`),
    );
    expect(() => resolveTargetOptions({ compression: 'gzip', compressionLevel: 10 }, 'otlpTarget', {})).toThrow(
      /otlpTarget: compressionLevel for gzip must be an integer from 1 to 9; got 10/,
    );
    expect(() => resolveTargetOptions({ compression: 'zstd', compressionLevel: 23 }, 'otlpTarget', {})).toThrow(/from 1 to 22/);
    expect(() => resolveTargetOptions({ protocol: 'grpc', compression: 'zstd' }, 'otlpTarget', {})).toThrow(
      /otlpTarget: compression 'zstd' is not available over gRPC/,
    );
    expect(() => resolveTargetOptions({ protocol: 'grpc', compression: 'gzip', compressionLevel: 1 }, 'otlpTarget', {})).toThrow(
      /otlpTarget: compressionLevel is not available over gRPC/,
    );
  });

  it('reads OTEL_EXPORTER_OTLP_(LOGS_)COMPRESSION, zstd included, the logs variable first', () => {
    const encodingOf = (env: NodeJS.ProcessEnv) => resolveTargetOptions({}, 'otlpTarget', env).compressor.encoding;
    expect(encodingOf({ OTEL_EXPORTER_OTLP_COMPRESSION: 'zstd' })).toBe('zstd');
    expect(encodingOf({ OTEL_EXPORTER_OTLP_COMPRESSION: 'zstd', OTEL_EXPORTER_OTLP_LOGS_COMPRESSION: 'gzip' })).toBe('gzip');
    expect(encodingOf({ OTEL_EXPORTER_OTLP_LOGS_COMPRESSION: 'none' })).toBeUndefined();
    expect(encodingOf({})).toBeUndefined();
    expect(() => encodingOf({ OTEL_EXPORTER_OTLP_COMPRESSION: 'br' })).toThrow(
      /^otlpTarget \(OTEL_EXPORTER_OTLP_\(LOGS_\)COMPRESSION\): compression must be 'gzip', 'zstd' or 'none'; got "br"$/,
    );
    // An option in code wins over the variables.
    expect(resolveTargetOptions({ compression: 'gzip' }, 'otlpTarget', { OTEL_EXPORTER_OTLP_COMPRESSION: 'zstd' }).compressor.encoding).toBe('gzip');
  });
});
