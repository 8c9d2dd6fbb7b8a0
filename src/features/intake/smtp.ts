/**
 * The built-in SMTP listener: accepts mail for the hotlines' addresses, commits each message as a
 * signal before answering 250, refuses oversized (552) and malformed (554) mail, and keeps running
 * whatever a client sends.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { systemActor } from '../../platform/audit/audit';
import type { Database } from '../../platform/db/database';
import { findChannel } from './channels';
import { receiveEmail } from './email';
import { intakeSettings } from './settings';

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string): Error =>
  Object.assign(new Error(message), { responseCode: code });

export async function startSmtpListener(o: {
  database: Database;
  port: number;
  host: string;
  maxBytes?: number;
}): Promise<SmtpListener> {
  const maxBytes = o.maxBytes ?? intakeSettings.maxEmailBytes;
  // Recipient address -> hotline, per SMTP session (one session can carry several messages).
  const recipients = new WeakMap<SMTPServerSession, Map<string, string>>();

  const server = new SMTPServer({
    name: 'waymark',
    banner: 'Waymark intake',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
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
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
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
