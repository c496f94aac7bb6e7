/**
 * The staff CLI's program: global options, the command groups (commands/), exit codes. Case work
 * goes through the HTTP API; users add, tokens, projections and events work on the database.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/env';
import { ApiError, UnreachableError } from './api-client';
import { accreditationCommands } from './commands/accreditations';
import { documentCommands } from './commands/documents';
import { operationCommands } from './commands/operations';
import { organisationCommands } from './commands/organisations';
import { registerCommands } from './commands/register';
import { stepCommands } from './commands/steps';
import { userCommands } from './commands/users';
import { type CliIo, cliContext, TamperedError, UsageError } from './context';

export type { CliIo } from './context';

/**
 * Exit codes: 0 done; 1 refused (the API answered 4xx, or events are tampered with); 2 wrong usage;
 * 3 unavailable (API unreachable or 5xx, database down) — worth retrying.
 */
export const exitCodes = { ok: 0, refused: 1, usage: 2, unavailable: 3 } as const;

export function createProgram(io: CliIo): Command {
  const program = new Command('dim')
    .description(
      'Staff CLI of the DIM 1002:2024 accreditation engine. Case work goes through the HTTP API ' +
        '(--api, --token); users add, tokens, projections and events work directly on the database (DATABASE_URL).',
    )
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 done, 1 refused by the API (or tampered events), 2 wrong usage, 3 unavailable (retry).',
        '',
        'Examples:',
        '  dim tasks',
        '  dim show 4f1c…',
        '  dim complete 4f1c… document-review --data @review.json',
        '  dim --json list --status audit,awaiting_decision --all-pages',
        '  DATABASE_URL=postgres://… dim events verify',
      ].join('\n'),
    )
    .option('--api <url>', 'base URL of the API', io.env.DIM_API ?? 'http://127.0.0.1:3000')
    .option('--token <token>', 'bearer token (default: $DIM_TOKEN, else DATA_DIR/admin-token)')
    .option('--json', 'machine-readable output (one JSON document)', false)
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    })
    .showHelpAfterError()
    .exitOverride();

  const cli = cliContext(program, io);
  accreditationCommands(program, cli);
  stepCommands(program, cli);
  registerCommands(program, cli);
  documentCommands(program, cli);
  userCommands(program, cli);
  organisationCommands(program, cli);
  operationCommands(program, cli);
  return program;
}

/** Runs the CLI; resolves to the exit code (the process entry point sets it). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      ) {
        return exitCodes.ok;
      }
      return exitCodes.usage;
    }
    if (error instanceof TamperedError) return exitCodes.refused;
    const json = program.opts().json === true;
    if (error instanceof ApiError) {
      io.err(json ? JSON.stringify(error.problem) : `Error: ${error.message}`);
      for (const detail of (error.problem.errors as { field: string; message: string }[] | undefined) ?? []) {
        if (!json) io.err(`  ${detail.field}: ${detail.message}`);
      }
      if (!json && typeof error.problem.updateId === 'string') {
        io.err(`  Retry with --idempotency-key ${error.problem.updateId}`);
      }
      return error.status >= 500 ? exitCodes.unavailable : exitCodes.refused;
    }
    if (error instanceof UnreachableError) {
      io.err(`Error: ${error.message}`);
      return exitCodes.unavailable;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.err(`Error: ${error.message}`);
      return exitCodes.usage;
    }
    io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return exitCodes.unavailable;
  }
}
