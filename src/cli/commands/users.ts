import type { Command } from 'commander';
import { CreateUserBody } from '../../features/accounts/schema';
import { createUser } from '../../features/accounts/users';
import { findHotlines, insertHotline } from '../../features/hotlines/store';
import { systemActor } from '../../platform/audit/audit';
import { loadConfig } from '../../platform/config';
import { FatalError } from '../../platform/errors';
import { openMigrated } from '../open';
import { readStdin } from '../stdin';

interface CreateOptions {
  email: string;
  role: string;
  name?: string;
  hotline?: string;
  states?: string;
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('Accounts');
  users
    .command('create')
    .description('Create an account; the password is read from standard input')
    .requiredOption('--email <email>', 'the email address they sign in with')
    .requiredOption('--role <role>', 'admin, supervisor, advocate, analyst, coordinator or partner')
    .option('--name <name>', 'the name shown in the console (default: the email)')
    .option(
      '--hotline <slug>',
      'the hotline (needed when there is more than one; created when there is none)',
    )
    .option('--states <codes>', 'for coordinators: comma-separated state codes, e.g. MS,MO')
    .addHelpText(
      'after',
      '\nExample:\n  printf "%s" "$PASSWORD" | waymark users create --email ana@example.org --role admin',
    )
    .action(async (opts: CreateOptions) => {
      let password: string;
      try {
        password = await readStdin();
      } catch {
        throw new FatalError(
          'Pipe the password into standard input, e.g. printf "%s" "$PASSWORD" | waymark users create ...',
        );
      }
      const parsed = CreateUserBody.safeParse({
        email: opts.email,
        role: opts.role,
        displayName: opts.name ?? opts.email,
        password,
        states: opts.states ? opts.states.split(',').map((s) => s.trim().toUpperCase()) : [],
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new FatalError(`${issue?.path.join('.') ?? 'input'}: ${issue?.message ?? 'not valid'}`);
      }
      const config = loadConfig();
      const { database } = await openMigrated(config, 'waymark users create');
      try {
        const user = await database.db.transaction().execute(async (trx) => {
          const hotlines = await findHotlines(trx);
          let hotline = opts.hotline ? hotlines.find((h) => h.slug === opts.hotline) : hotlines[0];
          if (opts.hotline && !hotline) throw new FatalError(`There is no hotline "${opts.hotline}".`);
          if (!opts.hotline && hotlines.length > 1) {
            throw new FatalError(
              `There are several hotlines; name one with --hotline (${hotlines.map((h) => h.slug).join(', ')}).`,
            );
          }
          hotline ??= await insertHotline(trx, {
            name: opts.hotline ?? 'Waymark hotline',
            ...(opts.hotline ? { slug: opts.hotline } : {}),
          });
          return createUser(trx, systemActor('cli:users-create', hotline.id), {
            ...parsed.data,
            hotlineId: hotline.id,
          });
        });
        console.log(`Created ${user.role} ${user.email}. Two-step sign-in is set up at the first sign-in.`);
      } finally {
        await database.close();
      }
    });
}
