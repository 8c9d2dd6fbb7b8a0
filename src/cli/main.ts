import { Command, CommanderError } from 'commander';
import { VERSION } from '../app';
import { AppError, FatalError } from '../platform/errors';
import { registerChannels } from './commands/channels';
import { registerDb } from './commands/db';
import { registerDirectory } from './commands/directory';
import { registerLinkage } from './commands/linkage';
import { registerReportCommands } from './commands/report';
import { registerServe } from './commands/serve';
import { registerUsers } from './commands/users';

export function buildProgram(): Command {
  const program = new Command('waymark')
    .description('Waymark: intake, case management and statistics for anti-trafficking hotlines')
    .version(VERSION)
    .showHelpAfterError();
  registerServe(program);
  registerDb(program);
  registerDirectory(program);
  registerUsers(program);
  registerChannels(program);
  registerLinkage(program);
  registerReportCommands(program);
  return program;
}

/** People at a terminal get one line and exit code 1, never a stack trace. */
function fail(err: unknown): never {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  const message =
    err instanceof FatalError || err instanceof AppError
      ? err.message
      : `Unexpected error: ${(err as Error).message ?? String(err)}`;
  console.error(`waymark: ${message}`);
  if (process.env.WAYMARK_DEBUG && err instanceof Error) console.error(err.stack);
  process.exit(1);
}

buildProgram().parseAsync(process.argv).catch(fail);
