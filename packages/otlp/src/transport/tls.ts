import { readFileSync } from 'node:fs';

/**
 * TLS for an https:// (or gRPC over TLS) collector. Each of `ca`, `cert` and `key` is either PEM
 * text (any value containing `-----BEGIN`) or the path of a PEM file, read once at set-up.
 */
export interface TlsOptions {
  /** CA certificates that verify the collector, in place of Node's bundled roots. @default OTEL_EXPORTER_OTLP_(LOGS_)CERTIFICATE, else Node's roots */
  ca?: string;
  /** Client certificate chain for mTLS; needs `key`. @default OTEL_EXPORTER_OTLP_(LOGS_)CLIENT_CERTIFICATE */
  cert?: string;
  /** Client private key for mTLS; needs `cert`. @default OTEL_EXPORTER_OTLP_(LOGS_)CLIENT_KEY */
  key?: string;
  /** Refuse a collector whose certificate does not verify. Turn off for tests only. @default true */
  rejectUnauthorized?: boolean;
}

/** The PEM files named by OTEL_EXPORTER_OTLP[_LOGS]_CERTIFICATE, _CLIENT_CERTIFICATE, _CLIENT_KEY. */
export interface TlsEnv {
  ca?: { path: string; variable: string };
  cert?: { path: string; variable: string };
  key?: { path: string; variable: string };
}

export interface ResolvedTls {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
}

const FIELDS = ['ca', 'cert', 'key'] as const;

/**
 * Reads the PEM material at set-up. An option given in code wins over its variable, field by
 * field; a file that cannot be read, or a cert without a key, is a TypeError.
 */
export function resolveTls(options: TlsOptions | undefined, env: TlsEnv, component: string): ResolvedTls {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new TypeError(`${component}: tls must be an object`);
  }
  const rejectUnauthorized = options?.rejectUnauthorized ?? true;
  if (typeof rejectUnauthorized !== 'boolean') throw new TypeError(`${component}: tls.rejectUnauthorized must be a boolean`);
  const resolved: ResolvedTls = { rejectUnauthorized };
  for (const field of FIELDS) {
    const given = options?.[field];
    if (given !== undefined) {
      if (typeof given !== 'string' || given === '') throw new TypeError(`${component}: tls.${field} must be PEM text or a file path`);
      resolved[field] = given.includes('-----BEGIN') ? Buffer.from(given) : readPem(given, `tls.${field}`, component);
    } else if (env[field] !== undefined) {
      resolved[field] = readPem(env[field].path, env[field].variable, component);
    }
  }
  if ((resolved.cert === undefined) !== (resolved.key === undefined)) {
    throw new TypeError(`${component}: tls.cert and tls.key go together (mTLS needs both)`);
  }
  return resolved;
}

function readPem(path: string, source: string, component: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new TypeError(`${component}: ${source}: cannot read '${path}': ${(error as Error).message}`);
  }
}
