import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  addChannel,
  changeChannel,
  isTwilio,
  listChannels,
  normaliseAddress,
  removeChannel,
  twilioWebhooks,
} from '../../features/intake/channel-admin';
import {
  CHANNEL_KINDS,
  ChannelKindSchema,
  TwilioAuthToken,
} from '../../features/intake/channel-admin-schema';
import type { ChannelKind } from '../../features/intake/tables';
import { findHotlines } from '../../features/hotlines/store';
import { systemActor } from '../../platform/audit/audit';
import { loadConfig } from '../../platform/config';
import type { Queryable } from '../../platform/db/transaction';
import { AppError, FatalError } from '../../platform/errors';
import { sealStoredTokens } from '../../features/intake/channel-secrets';
import { changeChannels, type ChannelAddress } from '../../features/intake/channels';
import type { SecretBox } from '../../platform/secrets/box';
import { loadSecretBox } from '../../platform/secrets/keys';
import { openMigrated } from '../open';
import { readStdin } from '../stdin';

interface TokenOptions {
  twilioAuthToken?: string;
  twilioAuthTokenFile?: string;
  twilioAuthTokenEnv?: string;
  twilioAuthTokenStdin?: boolean;
}
interface ChannelOptions extends TokenOptions {
  hotline?: string;
  kind: string;
  address: string;
  newAddress?: string;
  twilioAccountSid?: string;
  advocateNumbers?: string;
  clearTwilioAuthToken?: boolean;
}

const OPTION_FOR: Record<string, string> = {
  address: '--address',
  twilioAccountSid: '--twilio-account-sid',
  twilioAuthToken: 'the auth token',
  advocateNumbers: '--advocate-numbers',
};

/** An API error as one line naming the options that are not right. */
function asFatal(err: unknown): unknown {
  if (!(err instanceof AppError)) return err;
  const fields = (err.details as { fields?: Array<{ path: string; message: string }> } | undefined)?.fields;
  if (!fields?.length) return new FatalError(err.message);
  return new FatalError(
    fields
      .map((f) => {
        const [name = '', index] = f.path.replace(/^body\./, '').split('.');
        const option = OPTION_FOR[name] ?? name;
        return `${option}${index === undefined ? '' : ` (number ${Number(index) + 1})`}: ${f.message}`;
      })
      .join('; '),
  );
}

function kindOf(kind: string): ChannelKind {
  const parsed = ChannelKindSchema.safeParse(kind);
  if (!parsed.success) throw new FatalError(`--kind: use one of ${CHANNEL_KINDS.join(', ')}.`);
  return parsed.data;
}

/** The token from a file, an environment variable or standard input: never from the command line. */
async function readToken(opts: TokenOptions): Promise<string | undefined> {
  if (opts.twilioAuthToken !== undefined) {
    throw new FatalError(
      'The auth token is never given on the command line (others can read it there): use --twilio-auth-token-file, --twilio-auth-token-env or --twilio-auth-token-stdin.',
    );
  }
  const sources = [opts.twilioAuthTokenFile, opts.twilioAuthTokenEnv, opts.twilioAuthTokenStdin].filter(
    (s) => s !== undefined && s !== false,
  );
  if (sources.length > 1) throw new FatalError('Give the auth token one way only.');
  let token: string | undefined;
  if (opts.twilioAuthTokenFile !== undefined) {
    try {
      token = readFileSync(opts.twilioAuthTokenFile, 'utf8');
    } catch (err) {
      throw new FatalError(
        `--twilio-auth-token-file: cannot read ${opts.twilioAuthTokenFile} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
      );
    }
  } else if (opts.twilioAuthTokenEnv !== undefined) {
    token = process.env[opts.twilioAuthTokenEnv];
    if (token === undefined) {
      throw new FatalError(`--twilio-auth-token-env: ${opts.twilioAuthTokenEnv} is not set.`);
    }
  } else if (opts.twilioAuthTokenStdin) {
    try {
      token = await readStdin();
    } catch {
      throw new FatalError('--twilio-auth-token-stdin: pipe the token into standard input.');
    }
  }
  if (token === undefined) return undefined;
  const parsed = TwilioAuthToken.safeParse(token);
  if (!parsed.success)
    throw new FatalError(`The auth token: ${parsed.error.issues[0]?.message ?? 'not valid'}.`);
  return parsed.data;
}

/** The hotline named by slug or id, or the only one. */
async function hotlineFor(q: Queryable, named: string | undefined): Promise<{ id: string; slug: string }> {
  const hotlines = await findHotlines(q);
  if (named) {
    const found = hotlines.find((h) => h.slug === named || h.id === named);
    if (!found) {
      throw new FatalError(
        `There is no hotline "${named}"${hotlines.length ? ` (there are: ${hotlines.map((h) => h.slug).join(', ')})` : ''}.`,
      );
    }
    return found;
  }
  if (hotlines.length === 1 && hotlines[0]) return hotlines[0];
  if (!hotlines.length) {
    throw new FatalError('There is no hotline yet: create the first account (waymark users create) first.');
  }
  throw new FatalError(
    `There are several hotlines; name one with --hotline (${hotlines.map((h) => h.slug).join(', ')}).`,
  );
}

/** The id of the hotline's channel of this kind and address. */
async function channelId(
  q: Queryable,
  box: SecretBox,
  hotlineId: string,
  kind: ChannelKind,
  address: string,
): Promise<string> {
  const normal = normaliseAddress(kind, address);
  if ('issue' in normal) throw new FatalError(`--address: ${normal.issue}.`);
  const found = (await listChannels(q, hotlineId, box)).find(
    (c) => c.kind === kind && c.address.toLowerCase() === normal.address.toLowerCase(),
  );
  if (!found) throw new FatalError(`This hotline has no ${kind} channel ${normal.address}.`);
  return found.id;
}

/**
 * Runs `work` in one transaction, with the key tokens are sealed with: the server's (the same
 * settings, or the same data folder), checked against the stored tokens as the server does at start.
 * The addresses `work` names in `touched` are published to running servers (`changeChannels`).
 */
async function withDatabase<T>(
  purpose: string,
  work: (q: Queryable, publicUrl: string, box: SecretBox, touched: ChannelAddress[]) => Promise<T>,
) {
  const config = loadConfig();
  const box = loadSecretBox(config);
  const { database } = await openMigrated(config, purpose);
  try {
    await sealStoredTokens(database.db, box);
    // Running servers hear of the addresses changed here as soon as the change commits.
    return await changeChannels(database.db, database, (trx, touched) =>
      work(trx, config.publicUrl, box, touched),
    );
  } catch (err) {
    throw asFatal(err);
  } finally {
    await database.close();
  }
}

const numbers = (list: string | undefined): string[] | undefined =>
  list === undefined ? undefined : list.split(',').map((n) => n.trim());

const tokenOptions = (cmd: Command): Command =>
  cmd
    .option('--twilio-auth-token-file <path>', 'read the Twilio auth token from this file')
    .option('--twilio-auth-token-env <variable>', 'read the Twilio auth token from this environment variable')
    .option('--twilio-auth-token-stdin', 'read the Twilio auth token from standard input')
    .addOption(new Option('--twilio-auth-token <token>').hideHelp());

export function registerChannels(program: Command): void {
  const channels = program
    .command('channels')
    .description('The numbers, addresses and webform slugs a hotline takes signals on');
  channels
    .command('list')
    .description("List a hotline's channels and the webhook addresses to give Twilio")
    .option('--hotline <slug or id>', 'the hotline (needed when there is more than one)')
    .action(async (opts: { hotline?: string }) => {
      await withDatabase('waymark channels list', async (q, publicUrl, box) => {
        const hotline = await hotlineFor(q, opts.hotline);
        const list = await listChannels(q, hotline.id, box);
        if (!list.length) console.log(`${hotline.slug} has no channels yet.`);
        for (const c of list) {
          const extra = [
            isTwilio(c.kind)
              ? `token ${c.twilioAuthToken.set ? `set${c.twilioAuthToken.last4 ? ` (…${c.twilioAuthToken.last4})` : ''}` : 'not set'}`
              : '',
            c.twilioAccountSid ? `account ${c.twilioAccountSid}` : '',
            c.advocateNumbers.length ? `rings ${c.advocateNumbers.join(', ')}` : '',
          ].filter(Boolean);
          console.log(`${c.kind.padEnd(8)} ${c.address}${extra.length ? `  ${extra.join('; ')}` : ''}`);
        }
        if (list.some((c) => isTwilio(c.kind))) {
          const w = twilioWebhooks(publicUrl);
          console.log(
            `\nIn Twilio's console, for each number:\n  A message comes in: POST ${w.sms}\n  Message status callback: ${w.smsStatus}\n  A call comes in: POST ${w.voice}\n  Call status changes: ${w.voiceStatus}`,
          );
        }
      });
    });
  tokenOptions(
    channels
      .command('add')
      .description('Add a channel: a Twilio number for texts or calls, an email address, a webform slug')
      .requiredOption('--kind <kind>', 'text, phone, email or webform')
      .requiredOption('--address <address>', 'the number (+15551234567), the email address or the slug')
      .option('--hotline <slug or id>', 'the hotline (needed when there is more than one)')
      .option('--twilio-account-sid <sid>', 'text and phone: the Twilio Account SID (AC…)')
      .option('--advocate-numbers <numbers>', 'phone: comma-separated numbers an incoming call rings'),
  )
    .addHelpText(
      'after',
      '\nExample:\n  waymark channels add --kind text --address +15551234567 \\\n    --twilio-account-sid AC0123… --twilio-auth-token-file /run/secrets/twilio-token',
    )
    .action(async (opts: ChannelOptions) => {
      const kind = kindOf(opts.kind);
      const token = await readToken(opts);
      const added = await withDatabase('waymark channels add', async (q, _url, box, touched) => {
        const hotline = await hotlineFor(q, opts.hotline);
        return addChannel(
          q,
          systemActor('cli:channels-add', hotline.id),
          hotline.id,
          {
            kind,
            address: opts.address,
            ...(opts.twilioAccountSid !== undefined ? { twilioAccountSid: opts.twilioAccountSid } : {}),
            ...(token !== undefined ? { twilioAuthToken: token } : {}),
            ...(opts.advocateNumbers !== undefined ? { advocateNumbers: numbers(opts.advocateNumbers) } : {}),
          },
          box,
          touched,
        );
      });
      console.log(
        `Added ${added.kind} channel ${added.address}${added.twilioAuthToken.set ? ' (auth token set)' : ''}.`,
      );
    });
  tokenOptions(
    channels
      .command('change')
      .description('Change a channel: a new auth token, account SID, advocate numbers or address')
      .requiredOption('--kind <kind>', 'text, phone, email or webform')
      .requiredOption('--address <address>', 'the channel to change')
      .option('--hotline <slug or id>', 'the hotline (needed when there is more than one)')
      .option('--new-address <address>', 'its new address')
      .option('--twilio-account-sid <sid>', 'the Twilio Account SID (AC…)')
      .option('--clear-twilio-auth-token', 'remove the stored auth token')
      .option('--advocate-numbers <numbers>', 'phone: comma-separated numbers (empty to ring none)'),
  ).action(async (opts: ChannelOptions) => {
    const kind = kindOf(opts.kind);
    const token = await readToken(opts);
    if (token !== undefined && opts.clearTwilioAuthToken) {
      throw new FatalError('Give a new auth token or --clear-twilio-auth-token, not both.');
    }
    const changed = await withDatabase('waymark channels change', async (q, _url, box, touched) => {
      const hotline = await hotlineFor(q, opts.hotline);
      const id = await channelId(q, box, hotline.id, kind, opts.address);
      return changeChannel(
        q,
        systemActor('cli:channels-change', hotline.id),
        hotline.id,
        id,
        {
          ...(opts.newAddress !== undefined ? { address: opts.newAddress } : {}),
          ...(opts.twilioAccountSid !== undefined ? { twilioAccountSid: opts.twilioAccountSid } : {}),
          ...(token !== undefined ? { twilioAuthToken: token } : {}),
          ...(opts.clearTwilioAuthToken ? { twilioAuthToken: null } : {}),
          ...(opts.advocateNumbers !== undefined
            ? { advocateNumbers: numbers(opts.advocateNumbers)?.filter(Boolean) }
            : {}),
        },
        box,
        touched,
      );
    });
    console.log(
      `Changed ${changed.kind} channel ${changed.address}. Running servers use the change at once.`,
    );
  });
  channels
    .command('remove')
    .description('Remove a channel; the signals that came in on it stay')
    .requiredOption('--kind <kind>', 'text, phone, email or webform')
    .requiredOption('--address <address>', 'the channel to remove')
    .option('--hotline <slug or id>', 'the hotline (needed when there is more than one)')
    .action(async (opts: ChannelOptions) => {
      const kind = kindOf(opts.kind);
      await withDatabase('waymark channels remove', async (q, _url, box, touched) => {
        const hotline = await hotlineFor(q, opts.hotline);
        const id = await channelId(q, box, hotline.id, kind, opts.address);
        await removeChannel(q, systemActor('cli:channels-remove', hotline.id), hotline.id, id, touched);
      });
      console.log(`Removed ${kind} channel ${opts.address}. Its signals are kept.`);
    });
}
