import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveTargetOptions } from '../../src/target-options.ts';
import { resolveTls } from '../../src/transport/tls.ts';
import { transportTarget } from '../../src/transport/transport-options.ts';
import { startRawCollector } from './raw-collector.ts';
import { encodedRequest, makeTarget } from './support.ts';
import { createTestPki, type TestPki } from './test-ca.ts';

const open = new AbortController().signal;
const delivered = { ok: true, rejected: 0, message: '' };
let pki: TestPki;
let collector: Awaited<ReturnType<typeof startRawCollector>> | undefined;
beforeAll(() => {
  pki = createTestPki();
});
afterAll(() => pki.remove());
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});

const tlsServer = () => startRawCollector({ cert: pki.serverCert, key: pki.serverKey });
const mtlsServer = () => startRawCollector({ cert: pki.serverCert, key: pki.serverKey, ca: pki.ca, requestCert: true, rejectUnauthorized: true });

describe('TLS to the collector', () => {
  it('verifies the collector with a CA given as a file path, or as PEM text', async () => {
    collector = await tlsServer();
    for (const ca of [pki.caPath, pki.ca.toString('utf8')]) {
      const target = makeTarget({ url: collector.url, tls: resolveTls({ ca }, {}, 'test') });
      await expect(target.send(await encodedRequest(2), open)).resolves.toEqual(delivered);
      await target.close();
    }
    expect(collector.requests.map((r) => r.bodies)).toEqual([['order 0', 'order 1'], ['order 0', 'order 1']]);
  });

  it('fails, retryably and naming the cause, when the collector certificate does not verify', async () => {
    collector = await tlsServer();
    const target = makeTarget({ url: collector.url, tls: resolveTls({}, {}, 'test') });
    const result = await target.send(await encodedRequest(1), open);
    expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|certificate/) });
    expect(collector.requests).toHaveLength(0);
    await target.close();
  });

  it('skips verification only when rejectUnauthorized is false', async () => {
    collector = await tlsServer();
    const target = makeTarget({ url: collector.url, tls: resolveTls({ rejectUnauthorized: false }, {}, 'test') });
    await expect(target.send(await encodedRequest(1), open)).resolves.toEqual(delivered);
    await target.close();
  });

  it('presents the client certificate to a collector that requires one (mTLS)', async () => {
    collector = await mtlsServer();
    const tls = resolveTls({ ca: pki.caPath, cert: pki.clientCertPath, key: pki.clientKey.toString('utf8') }, {}, 'test');
    const target = makeTarget({ url: collector.url, tls });
    await expect(target.send(await encodedRequest(3), open)).resolves.toEqual(delivered);
    expect(collector.requests.map((r) => [r.clientCommonName, r.bodies.length])).toEqual([['checkout-service', 3]]);
    await target.close();
  });

  it('fails without a client certificate where the collector requires one, and delivers nothing', async () => {
    collector = await mtlsServer();
    const target = makeTarget({ url: collector.url, tls: resolveTls({ ca: pki.caPath }, {}, 'test') });
    const result = await target.send(await encodedRequest(1), open);
    // Retryable, as the Collector and gRPC (UNAVAILABLE) treat a failed handshake: a rotated
    // certificate can fix it, and a durable sink keeps the records until it does.
    expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/CERTIFICATE_REQUIRED/) });
    expect(collector.requests).toHaveLength(0);
    await target.close();
  });

  it('reads the CA, client certificate and key files from OTEL_EXPORTER_OTLP[_LOGS]_* variables', async () => {
    collector = await mtlsServer();
    const env = {
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_CERTIFICATE: '/nonexistent/ca.pem',
      OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE: pki.caPath,
      OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: pki.clientCertPath,
      OTEL_EXPORTER_OTLP_LOGS_CLIENT_KEY: pki.clientKeyPath,
    };
    const target = transportTarget(resolveTargetOptions({}, 'otlpTarget', env));
    await expect(target.send(await encodedRequest(1), open)).resolves.toEqual(delivered);
    expect(collector.requests[0]!.clientCommonName).toBe('checkout-service');
    await target.close();
  });

  it('lets an option in code win over its variable, field by field', () => {
    const env = { OTEL_EXPORTER_OTLP_CERTIFICATE: pki.caPath, OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: pki.clientCertPath, OTEL_EXPORTER_OTLP_CLIENT_KEY: pki.clientKeyPath };
    const { tls } = resolveTargetOptions({ endpoint: 'https://127.0.0.1:4318', tls: { ca: pki.serverCertPath } }, 'otlpTarget', env);
    expect(tls).toEqual({ ca: pki.serverCert, cert: pki.clientCert, key: pki.clientKey, rejectUnauthorized: true });
  });

  it('ignores the certificate variables for an http:// endpoint, as the spec says', () => {
    const env = { OTEL_EXPORTER_OTLP_CERTIFICATE: '/nonexistent/ca.pem' };
    expect(resolveTargetOptions({ endpoint: 'http://127.0.0.1:4318' }, 'otlpTarget', env).tls).toBeUndefined();
  });

  it('refuses at set-up a file it cannot read, a certificate without its key, and tls on http://', () => {
    const https = { endpoint: 'https://127.0.0.1:4318' };
    expect(() => resolveTargetOptions(https, 'otlpTarget', { OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE: '/nonexistent/ca.pem' })).toThrow(
      /^otlpTarget: OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE: cannot read '\/nonexistent\/ca.pem'/,
    );
    expect(() => resolveTargetOptions({ ...https, tls: { ca: '/nonexistent/ca.pem' } }, 'otlpTarget', {})).toThrow(
      /^otlpTarget: tls.ca: cannot read/,
    );
    expect(() => resolveTargetOptions({ ...https, tls: { cert: pki.clientCertPath } }, 'otlpTarget', {})).toThrow(
      new TypeError('otlpTarget: tls.cert and tls.key go together (mTLS needs both)'),
    );
    expect(() => resolveTargetOptions({ endpoint: 'http://127.0.0.1:4318', tls: { ca: pki.caPath } }, 'otlpTarget', {})).toThrow(
      /otlpTarget: tls needs an https:\/\/ endpoint/,
    );
    expect(() => resolveTargetOptions({ ...https, tls: { rejectUnauthorized: 'no' as unknown as boolean } }, 'otlpTarget', {})).toThrow(
      /tls.rejectUnauthorized must be a boolean/,
    );
  });
});
