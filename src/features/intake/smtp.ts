/**
 * The built-in SMTP listener: accepts mail for the hotlines' addresses, commits each message as a
 * signal before answering 250, refuses oversized (552) and malformed (554) mail, and keeps running
 * whatever a client sends. With a certificate it offers STARTTLS (and can require it: 530 before).
 */
import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { systemActor } from '../../platform/audit/audit';
import type { Database } from '../../platform/db/database';
import { FatalError } from '../../platform/errors';
import type { Logger } from '../../platform/log';
import { findChannel } from './channels';
import { receiveEmail } from './email';
import { intakeSettings } from './settings';
import { loadSmtpTls, type SmtpTls } from './smtp-tls';

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string): Error =>
  Object.assign(new Error(message), { responseCode: code });

type ListenerLog = Pick<Logger, 'info' | 'warn'>;
const quiet: ListenerLog = { info: () => undefined, warn: () => undefined };

/** Each connection may hold up to maxBytes of mail in memory: 100 of them is a bounded amount. */
const MAX_CLIENTS = 100;

/** How often renewed certificate files are looked for (a renewal takes effect without a restart). */
const TLS_CHECK_MS = 10 * 60_000;

export async function startSmtpListener(o: {
  database: Database;
  port: number;
  host: string;
  maxBytes?: number;
  /** From loadSmtpTls: without it the listener offers no STARTTLS. */
  tls?: SmtpTls | undefined;
  log?: ListenerLog;
  tlsCheckMs?: number;
  /** Connections held at once; more are answered 421 (try again), so a flood cannot fill memory. */
  maxClients?: number;
}): Promise<SmtpListener> {
  const maxBytes = o.maxBytes ?? intakeSettings.maxEmailBytes;
  const log = o.log ?? quiet;
  const tls = o.tls;
  // Recipient address -> hotline, per SMTP session (one session can carry several messages).
  const recipients = new WeakMap<SMTPServerSession, Map<string, string>>();

  const server = new SMTPServer({
    // The greeting names the host the certificate is for (the MX name), as RFC 5321 asks.
    name: tls?.hostname ?? 'waymark',
    banner: 'Waymark intake',
    size: maxBytes,
    maxClients: o.maxClients ?? MAX_CLIENTS,
    authOptional: true,
    // A hotline takes mail from anyone, so there is no AUTH; STARTTLS only with the operator's
    // certificate (smtp-server would otherwise offer its built-in one).
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    logger: false,
    onMailFrom(_address, session, callback) {
      if (tls?.required && !session.secure)
        return callback(
          smtpError(530, '5.7.0 Must issue a STARTTLS command first: this server takes mail over TLS only'),
        );
      callback();
    },
    onRcptTo(address, session, callback) {
      findChannel(o.database.db, 'email', address.address.trim())
        .then((channel) => {
          if (!channel) return callback(smtpError(550, '5.1.1 No such mailbox here'));
          const map = recipients.get(session) ?? new Map<string, string>();
          map.set(channel.hotlineId, channel.address);
          recipients.set(session, map);
          callback();
        })
        .catch(() => callback(smtpError(451, '4.3.0 Try again later')));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= maxBytes) chunks.push(c);
      });
      stream.on('error', () => callback(smtpError(451, '4.3.0 Try again later')));
      stream.on('end', () => {
        const targets = recipients.get(session);
        recipients.delete(session);
        if (stream.sizeExceeded || size > maxBytes) return callback(smtpError(552, '5.3.4 Message too big'));
        const raw = Buffer.concat(chunks);
        store(o.database, raw, targets)
          .then(() => callback())
          .catch((err: unknown) =>
            callback(
              err instanceof Error && 'responseCode' in err ? err : smtpError(451, '4.3.0 Try again later'),
            ),
          );
      });
    },
  });
  // A broken connection is that client's problem; the listener keeps serving the others.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, o.host, o.port)));
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  if (tls) {
    log.info(
      {
        smtpPort: port,
        tls: tls.required ? 'required' : 'starttls',
        certificate: tls.subject,
        validTo: tls.validTo,
      },
      `SMTP listener on ${o.host}:${port}; STARTTLS ${tls.required ? 'required' : 'offered'}`,
    );
    if (tls.validTo.getTime() < Date.now())
      log.warn(
        { validTo: tls.validTo },
        'SMTP TLS certificate has expired; senders that check it will not deliver',
      );
  } else {
    log.info(
      { smtpPort: port, tls: 'off' },
      `SMTP listener on ${o.host}:${port}; TLS is off (set WAYMARK_SMTP_TLS_CERT and WAYMARK_SMTP_TLS_KEY to offer STARTTLS)`,
    );
  }
  const renewals = tls ? watchRenewals(server, tls, log, o.tlsCheckMs ?? TLS_CHECK_MS) : undefined;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if (renewals) clearInterval(renewals);
        server.close(() => resolve());
      }),
  };
}

function listenError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  const hint =
    err.code === 'EACCES'
      ? ': ports below 1024 need privileges; listen on 2525 and forward port 25 to it (docs/operations.md)'
      : err.code === 'EADDRINUSE'
        ? ': another program has this port'
        : '';
  return new FatalError(
    `WAYMARK_SMTP_PORT: cannot listen on ${host}:${port} (${err.code ?? err.message})${hint}`,
  );
}

/** Takes renewed certificate and key files into use for new connections; a bad pair is logged and skipped. */
function watchRenewals(server: SMTPServer, tls: SmtpTls, log: ListenerLog, everyMs: number): NodeJS.Timeout {
  const stamp = (): string => {
    try {
      return [tls.certFile, tls.keyFile].map((f) => statSync(f).mtimeMs).join('/');
    } catch {
      return 'missing';
    }
  };
  let current = stamp();
  const timer = setInterval(() => {
    const next = stamp();
    if (next === current) return;
    try {
      const renewed = loadSmtpTls({
        smtpTlsCert: tls.certFile,
        smtpTlsKey: tls.keyFile,
        smtpRequireTls: tls.required,
      });
      if (!renewed) return;
      server.updateSecureContext({ key: renewed.key, cert: renewed.cert });
      current = next;
      log.info({ certificate: renewed.subject, validTo: renewed.validTo }, 'SMTP TLS certificate reloaded');
    } catch (err) {
      log.warn(
        { reason: err instanceof Error ? err.message : String(err) },
        'SMTP TLS certificate not reloaded; the previous one stays in use',
      );
    }
  }, everyMs);
  timer.unref();
  return timer;
}

async function store(
  database: Database,
  raw: Buffer,
  targets: Map<string, string> | undefined,
): Promise<void> {
  if (!targets?.size) throw smtpError(554, '5.5.1 No valid recipients');
  const mail = await simpleParser(raw).catch(() => undefined);
  // Mail with no sender or no headers cannot be answered or threaded: refuse it for good.
  if (!mail?.from?.value[0]?.address || mail.headers.size === 0)
    throw smtpError(554, '5.6.0 Malformed message');
  await database.db.transaction().execute(async (trx) => {
    for (const [hotlineId, to] of targets) {
      await receiveEmail(trx, systemActor('public:email', hotlineId), { hotlineId, to, mail, raw });
    }
  });
}
