import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * A self-signed certificate and its key for `localhost`, written to `dir` as `<name>.crt` and
 * `<name>.key` by the openssl command (node:crypto cannot make X.509 certificates). For tests only.
 */
export function selfSignedPair(dir: string, name: string): { cert: string; key: string } {
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=localhost/O=${name}`,
      '-addext', 'subjectAltName=DNS:localhost',
    ], // prettier-ignore
    { stdio: 'pipe' },
  );
  return { cert, key };
}
