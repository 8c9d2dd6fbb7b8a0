/**
 * STARTTLS for the SMTP listener: the certificate and key named by WAYMARK_SMTP_TLS_CERT and
 * WAYMARK_SMTP_TLS_KEY are read and checked when `waymark serve` starts, so a missing, unreadable
 * or mismatched file stops the start with one line naming the setting, instead of failing every
 * sender's handshake later.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { Config } from '../../platform/config';
import { FatalError } from '../../platform/errors';

export interface SmtpTls {
  cert: Buffer;
  key: Buffer;
  /** Mail is refused (530) until the client has issued STARTTLS. */
  required: boolean;
  /** The certificate's subject and the end of its validity, for the start-up log. */
  subject: string;
  validTo: Date;
  /** The host name the certificate is for (its first DNS name), which the greeting names. */
  hostname: string | undefined;
  certFile: string;
  keyFile: string;
}

export type SmtpTlsSettings = Pick<Config, 'smtpTlsCert' | 'smtpTlsKey' | 'smtpRequireTls'>;

const CERT = 'WAYMARK_SMTP_TLS_CERT';
const KEY = 'WAYMARK_SMTP_TLS_KEY';

function read(setting: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new FatalError(`${setting}: cannot read ${file} (${code})`);
  }
}

/** The TLS material for the listener, or undefined when TLS is not configured. */
export function loadSmtpTls(settings: SmtpTlsSettings): SmtpTls | undefined {
  const { smtpTlsCert: certFile, smtpTlsKey: keyFile } = settings;
  if (!certFile && !keyFile) {
    if (settings.smtpRequireTls)
      throw new FatalError(
        `WAYMARK_SMTP_REQUIRE_TLS needs ${CERT} and ${KEY} (the certificate and key files)`,
      );
    return undefined;
  }
  if (!certFile) throw new FatalError(`${KEY} is set but ${CERT} is not: STARTTLS needs both files`);
  if (!keyFile) throw new FatalError(`${CERT} is set but ${KEY} is not: STARTTLS needs both files`);

  const cert = read(CERT, certFile);
  const key = read(KEY, keyFile);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new FatalError(`${CERT}: ${certFile} holds no PEM certificate`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new FatalError(`${KEY}: ${keyFile} holds no unencrypted PEM private key`);
  }
  if (privateKey.type !== 'private' || !x509.checkPrivateKey(privateKey))
    throw new FatalError(`${KEY}: ${keyFile} is not the key of the certificate in ${certFile} (${CERT})`);
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : 'not usable';
    throw new FatalError(`${CERT} / ${KEY}: TLS cannot use them (${reason})`);
  }
  return {
    cert,
    key,
    required: settings.smtpRequireTls,
    subject: x509.subject.replace(/\n/g, ', '),
    hostname: hostnameOf(x509),
    validTo: new Date(x509.validTo),
    certFile,
    keyFile,
  };
}

function hostnameOf(x509: X509Certificate): string | undefined {
  const dns = /(?:^|,\s*)DNS:([^,\s*]+)(?:,|$)/.exec(x509.subjectAltName ?? '')?.[1];
  const cn = /^CN=([A-Za-z0-9.-]+)$/m.exec(x509.subject)?.[1];
  return dns ?? cn;
}
