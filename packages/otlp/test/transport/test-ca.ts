import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPki {
  dir: string;
  /** Paths of the PEM files. */
  caPath: string;
  serverCertPath: string;
  serverKeyPath: string;
  clientCertPath: string;
  clientKeyPath: string;
  /** Their contents. */
  ca: Buffer;
  serverCert: Buffer;
  serverKey: Buffer;
  clientCert: Buffer;
  clientKey: Buffer;
  remove(): void;
}

/**
 * A throw-away CA with a server certificate for 127.0.0.1 / localhost and a client certificate
 * (CN=checkout-service), made with the openssl command line in a temp dir.
 */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'logweave-pki-'));
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...newKey, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=logweave test CA');
  writeFileSync(at('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  writeFileSync(at('client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [name, subject] of [['server', '/CN=127.0.0.1'], ['client', '/CN=checkout-service']] as const) {
    openssl('req', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
      '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
  }
  const paths = {
    caPath: at('ca.pem'),
    serverCertPath: at('server.pem'),
    serverKeyPath: at('server.key'),
    clientCertPath: at('client.pem'),
    clientKeyPath: at('client.key'),
  };
  return {
    dir,
    ...paths,
    ca: readFileSync(paths.caPath),
    serverCert: readFileSync(paths.serverCertPath),
    serverKey: readFileSync(paths.serverKeyPath),
    clientCert: readFileSync(paths.clientCertPath),
    clientKey: readFileSync(paths.clientKeyPath),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
