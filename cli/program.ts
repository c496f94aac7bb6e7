import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { stepRouteOf, stepRoutes } from '../api/step-routes';
import { ConfigError, loadEnv, requireDatabaseUrl } from '../config/env';
import { createDb } from '../db/connection';
import type { UserRole } from '../db/database';
import { createUser, findUserByEmail, issueToken, revokeTokens } from '../db/identity';
import { rebuildProjections } from '../db/projections/rebuild';
import { describeProblem, verifyHashChains } from '../db/verify';
import { defaultDataDir } from '../dev/paths';
import { ApiClient, ApiError, UnreachableError } from './api-client';

/**
 * Exit codes: 0 done; 1 refused (the API answered 4xx, or events are tampered with); 2 wrong usage;
 * 3 unavailable (API unreachable or 5xx, database down) — worth retrying.
 */
export const exitCodes = { ok: 0, refused: 1, usage: 2, unavailable: 3 } as const;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

const roles: UserRole[] = ['admin', 'staff', 'decision_maker', 'auditor', 'organisation'];

const mediaTypes: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.txt': 'text/plain',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('must be a positive integer');
  return parsed;
}

function nonNegativeInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return parsed;
}

function jsonArgument(value: string): unknown {
  try {
    return JSON.parse(value.startsWith('@') ? readFileSync(value.slice(1), 'utf8') : value);
  } catch (error) {
    throw new InvalidArgumentError(`not JSON (or @file with JSON): ${(error as Error).message}`);
  }
}

interface Task {
  id: string;
  accreditationId: string;
  organisationName: string;
  kind: string;
  subjectId: string;
  dueAt: string | null;
  overdue: boolean;
  actions: { command: string; path: string }[];
}

interface Accreditation {
  id: string;
  status: string;
  organisation: { id: string; name: string };
  cycle: number;
  certificate: { number: string; validFrom: string | null; validUntil: string | null } | null;
  nextDeadline: { kind: string; at: string } | null;
  version: number;
  openTasks?: Task[];
  timeline?: {
    version: number;
    type: string;
    at: string;
    actorId: string | null;
    actorRole: string | null;
  }[];
}

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

  const globals = () => program.opts<{ api: string; token?: string; json: boolean }>();
  const print = (value: unknown, text: () => string) =>
    io.out(globals().json ? JSON.stringify(value, null, 2) : text());

  function client(): ApiClient {
    const { api, token } = globals();
    return new ApiClient({ baseUrl: api, token: token ?? io.env.DIM_TOKEN ?? readAdminToken() });
  }

  function readAdminToken(): string | undefined {
    const file = join(io.env.DATA_DIR ?? defaultDataDir, 'admin-token');
    return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  }

  async function withDb<T>(action: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
    const db = createDb(requireDatabaseUrl(loadEnv(io.env)), { maxConnections: 1 });
    try {
      return await action(db);
    } finally {
      await db.destroy();
    }
  }

  // ─── case work, through the API ──────────────────────────────────────────────────────────────

  program
    .command('open')
    .description('open an accreditation (you become its case manager)')
    .requiredOption('--name <name>', 'organisation name')
    .requiredOption('--street <street>')
    .requiredOption('--postal-code <code>')
    .requiredOption('--city <city>')
    .option('--country <code>', 'ISO 3166-1 alpha-2', 'DE')
    .requiredOption('--email <email>', 'contact e-mail of the organisation')
    .requiredOption('--scope <scope>', 'services and sites the accreditation covers')
    .addOption(new Option('--language <language>').choices(['de', 'en']).default('de'))
    .option(
      '--policy <json>',
      'policy as JSON or @file (default: the durations of DIM 1002:2024)',
      jsonArgument,
    )
    .action(async (options) => {
      const opened = await client().request<Accreditation>('POST', '/accreditations', {
        body: {
          organisation: {
            name: options.name,
            address: {
              street: options.street,
              postalCode: options.postalCode,
              city: options.city,
              country: options.country,
            },
            contactEmail: options.email,
            language: options.language,
          },
          scope: options.scope,
          ...(options.policy ? { policy: options.policy } : {}),
        },
      });
      print(
        opened,
        () =>
          `Opened ${opened.id} for ${opened.organisation.name} (organisation ${opened.organisation.id}), ${opened.status}.`,
      );
    });

  program
    .command('list')
    .description('list accreditations, most recently changed first')
    .option('--status <statuses>', 'comma-separated statuses, e.g. audit,awaiting_decision')
    .option('--organisation <id>', 'organisation id')
    .option('--organisation-name <text>', 'part of the organisation name')
    .option('--auditor <userId>', 'auditor involved')
    .option('--overdue', 'only cases with an overdue task')
    .option('--expiring-within <days>', 'only certificates ending within this many days', nonNegativeInteger)
    .option('--limit <n>', 'page size', positiveInteger, 50)
    .option('--all-pages', 'follow the cursor to the end')
    .option('--cursor <cursor>', 'start after this cursor')
    .action(async (options) => {
      const items: Accreditation[] = [];
      let cursor: string | null = options.cursor ?? null;
      do {
        const query = new URLSearchParams();
        if (options.status) query.set('status', options.status);
        if (options.organisation) query.set('organisation', options.organisation);
        if (options.organisationName) query.set('organisationName', options.organisationName);
        if (options.auditor) query.set('auditor', options.auditor);
        if (options.overdue) query.set('overdue', 'true');
        if (options.expiringWithin !== undefined)
          query.set('expiringWithinDays', String(options.expiringWithin));
        query.set('limit', String(options.limit));
        if (cursor) query.set('cursor', cursor);
        const page = await client().request<{ items: Accreditation[]; nextCursor: string | null }>(
          'GET',
          `/accreditations?${query}`,
        );
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (options.allPages && cursor);
      print({ items, nextCursor: cursor }, () =>
        [
          ...items.map(
            (item) =>
              `${item.id}  ${item.status.padEnd(20)} ${item.organisation.name}` +
              (item.certificate ? `  ${item.certificate.number}` : '') +
              (item.nextDeadline ? `  next: ${item.nextDeadline.kind} ${item.nextDeadline.at}` : ''),
          ),
          ...(cursor ? [`(more: --cursor ${cursor})`] : []),
          ...(items.length === 0 ? ['No accreditations.'] : []),
        ].join('\n'),
      );
    });

  program
    .command('show')
    .description('one accreditation with its open tasks and timeline')
    .argument('<id>', 'accreditation id')
    .action(async (id: string) => {
      const detail = await client().request<Accreditation>(
        'GET',
        `/accreditations/${encodeURIComponent(id)}`,
      );
      print(detail, () =>
        [
          `${detail.organisation.name} — ${detail.status} (cycle ${detail.cycle}, version ${detail.version})`,
          `Accreditation ${detail.id}, organisation ${detail.organisation.id}`,
          detail.certificate
            ? `Certificate ${detail.certificate.number}, valid ${detail.certificate.validFrom} – ${detail.certificate.validUntil}`
            : 'No certificate.',
          detail.nextDeadline
            ? `Next deadline: ${detail.nextDeadline.kind} at ${detail.nextDeadline.at}`
            : '',
          'Open tasks:',
          ...(detail.openTasks?.length
            ? detail.openTasks.map(
                (task) => `  ${task.kind} (${task.subjectId})${task.dueAt ? ` due ${task.dueAt}` : ''}`,
              )
            : ['  none']),
          'Timeline:',
          ...(detail.timeline ?? []).map(
            (event) =>
              `  ${String(event.version).padStart(3)}  ${event.at}  ${event.type}${event.actorId ? `  by ${event.actorRole} ${event.actorId}` : ''}`,
          ),
        ]
          .filter((line) => line !== '')
          .join('\n'),
      );
    });

  program
    .command('tasks')
    .description('your task inbox')
    .option('--all', 'every open task (staff and administrators)')
    .action(async (options) => {
      const { items } = await client().request<{ items: Task[] }>(
        'GET',
        `/tasks${options.all ? '?all=true' : ''}`,
      );
      print({ items }, () =>
        items.length === 0
          ? 'No open tasks.'
          : items
              .map(
                (task) =>
                  `${task.accreditationId}  ${task.kind.padEnd(34)} ${task.organisationName}` +
                  `${task.dueAt ? `  due ${task.dueAt}` : ''}${task.overdue ? '  OVERDUE' : ''}` +
                  `\n    → dim complete ${task.accreditationId} ${task.actions.map((action) => action.command).join(' | ')}`,
              )
              .join('\n'),
      );
    });

  program
    .command('complete')
    .description('do a step on an accreditation (see `dim steps` for the steps and their data)')
    .argument('<id>', 'accreditation id')
    .argument('<step>', 'the command (e.g. CompleteDocumentReview) or its path (e.g. document-review)')
    .option('--data <json>', 'the step’s data as JSON, or @file', jsonArgument, {})
    .option('--idempotency-key <key>', 'repeat a step safely (e.g. the updateId of a 503)')
    .action(async (id: string, stepName: string, options) => {
      const step = stepRouteOf(stepName) ?? stepRoutes.find((candidate) => candidate.path === stepName);
      if (!step) {
        throw new UsageError(`Unknown step ${stepName}; \`dim steps\` lists them.`);
      }
      const detail = await client().request<Accreditation>(
        'POST',
        `/accreditations/${encodeURIComponent(id)}/${step.path}`,
        {
          body: options.data,
          headers: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {},
        },
      );
      print(
        detail,
        () =>
          `${step.type} done: ${detail.organisation.name} is ${detail.status} (version ${detail.version}).`,
      );
    });

  program
    .command('steps')
    .description('the steps `complete` accepts, with who may do them')
    .action(() => {
      const list = stepRoutes.map(({ type, path, roles: stepRoles, summary }) => ({
        type,
        path,
        roles: stepRoles,
        summary,
      }));
      print(list, () =>
        list
          .map((step) => `${step.type.padEnd(31)} ${step.path.padEnd(30)} ${step.roles.join(', ')}`)
          .join('\n'),
      );
    });

  program
    .command('register')
    .description('look up the public register (no token needed)')
    .option('--certificate <number>', 'certificate number')
    .option('--organisation <text>', 'part of the organisation name')
    .action(async (options) => {
      const query = new URLSearchParams();
      if (options.certificate) query.set('certificateNumber', options.certificate);
      if (options.organisation) query.set('organisation', options.organisation);
      const { items } = await new ApiClient({ baseUrl: globals().api }).request<{
        items: { certificateNumber: string; organisationName: string; status: string; validUntil: string }[];
      }>('GET', `/register?${query}`);
      print({ items }, () =>
        items.length === 0
          ? 'Not in the register.'
          : items
              .map(
                (item) =>
                  `${item.certificateNumber}  ${item.status.padEnd(9)} ${item.organisationName}  until ${item.validUntil}`,
              )
              .join('\n'),
      );
    });

  program
    .command('upload')
    .description('upload an evidence document; prints its id (the SHA-256) for use in step data')
    .argument('<file>')
    .option('--type <mediaType>', 'media type (default: from the file extension)')
    .action(async (file: string, options) => {
      const contentType = options.type ?? mediaTypes[extname(file).toLowerCase()];
      if (!contentType) throw new UsageError(`Unknown type of ${file}; give --type.`);
      const name = file.split('/').pop() ?? file;
      const document = await client().request<{ id: string; size: number; duplicate: boolean }>(
        'POST',
        `/documents?filename=${encodeURIComponent(name)}`,
        { raw: { content: readFileSync(file), contentType } },
      );
      print(document, () => document.id);
    });

  // ─── users and tokens ───────────────────────────────────────────────────────────────────────

  const users = program.command('users').description('users and their roles');
  users
    .command('add')
    .description('create a user and print a first token — directly in the database (bootstrap)')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .addOption(new Option('--role <role>').choices(roles).makeOptionMandatory())
    .option('--organisation <id>', 'organisation id (role organisation only)')
    .addOption(new Option('--language <language>').choices(['de', 'en']).default('de'))
    .option('--days <days>', 'token validity in days', positiveInteger, 90)
    .action(async (options) => {
      await withDb(async (db) => {
        const user = await createUser(db, {
          email: options.email,
          name: options.name,
          role: options.role,
          organisationId: options.organisation,
          language: options.language,
        });
        const { token, expiresAt } = await issueToken(db, user.user_id, {
          label: 'cli',
          validForDays: options.days,
        });
        print(
          { userId: user.user_id, role: user.role, token, expiresAt: expiresAt.toISOString() },
          () =>
            `Created ${user.role} ${user.email} (${user.user_id}).\nToken (shown once, valid until ${expiresAt.toISOString()}):\n${token}`,
        );
      });
    });
  users
    .command('create')
    .description(
      'create a user through the API (admin: any role; staff: organisation users) and print its token',
    )
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .addOption(new Option('--role <role>').choices(roles).makeOptionMandatory())
    .option('--organisation <id>', 'organisation id (role organisation only)')
    .addOption(new Option('--language <language>').choices(['de', 'en']).default('de'))
    .option('--days <days>', 'token validity in days', positiveInteger, 90)
    .action(async (options) => {
      const created = await client().request<{
        user: { id: string; email: string; role: string };
        token: { token: string; expiresAt: string };
      }>('POST', '/users', {
        body: {
          email: options.email,
          name: options.name,
          role: options.role,
          ...(options.organisation ? { organisationId: options.organisation } : {}),
          language: options.language,
          validForDays: options.days,
        },
      });
      print(
        created,
        () =>
          `Created ${created.user.role} ${created.user.email} (${created.user.id}).\n` +
          `Token (shown once, valid until ${created.token.expiresAt}):\n${created.token.token}`,
      );
    });
  users
    .command('list')
    .description('list users (through the API)')
    .addOption(new Option('--role <role>').choices(roles))
    .option('--organisation <id>')
    .action(async (options) => {
      const query = new URLSearchParams();
      if (options.role) query.set('role', options.role);
      if (options.organisation) query.set('organisation', options.organisation);
      const { items } = await client().request<{
        items: { id: string; email: string; name: string; role: string; organisationId: string | null }[];
      }>('GET', `/users?${query}`);
      print({ items }, () =>
        items
          .map(
            (user) =>
              `${user.id}  ${user.role.padEnd(14)} ${user.email}  ${user.name}${user.organisationId ? `  (${user.organisationId})` : ''}`,
          )
          .join('\n'),
      );
    });

  const tokens = program.command('tokens').description('API tokens (directly in the database)');
  tokens
    .command('issue')
    .description('issue a new token for a user')
    .requiredOption('--email <email>')
    .option('--days <days>', 'validity in days', positiveInteger, 90)
    .action(async (options) => {
      await withDb(async (db) => {
        const user = await findUserByEmail(db, options.email);
        if (!user) throw new UsageError(`No user with e-mail ${options.email}`);
        const { token, expiresAt } = await issueToken(db, user.user_id, {
          label: 'cli',
          validForDays: options.days,
        });
        print({ userId: user.user_id, token, expiresAt: expiresAt.toISOString() }, () => token);
      });
    });
  tokens
    .command('revoke')
    .description("revoke all of a user's tokens")
    .requiredOption('--email <email>')
    .action(async (options) => {
      await withDb(async (db) => {
        const user = await findUserByEmail(db, options.email);
        if (!user) throw new UsageError(`No user with e-mail ${options.email}`);
        const revoked = await revokeTokens(db, user.user_id);
        print({ userId: user.user_id, revoked }, () => `Revoked ${revoked} token(s).`);
      });
    });

  // ─── operations, directly on the database ──────────────────────────────────────────────────

  program
    .command('projections')
    .description('read models')
    .command('rebuild')
    .description(
      'rebuild every projection from the events (appends wait meanwhile; readers see the old tables)',
    )
    .action(async () => {
      const result = await withDb((db) =>
        rebuildProjections(db, {
          onProgress: ({ processed, total }) => {
            if (!globals().json && processed === total) io.err(`${processed}/${total} events`);
          },
        }),
      );
      print(
        result,
        () =>
          `Rebuilt ${result.projections.join(', ') || 'nothing'} from ${result.events} events in ` +
          `${(result.elapsedMs / 1000).toFixed(1)} s (${Math.round(result.eventsPerSecond)} events/s).`,
      );
    });

  program
    .command('events')
    .description('the event store')
    .command('verify')
    .description('walk every stream’s hash chain; exit code 1 when an event was tampered with')
    .action(async () => {
      const result = await withDb((db) => verifyHashChains(db));
      print(result, () =>
        result.ok
          ? `OK: ${result.events} events in ${result.streams} streams verified.`
          : [
              `TAMPERED: ${result.problems.length} stream(s) fail verification (${result.events} events checked).`,
              ...result.problems.slice(0, 50).map((problem) => `  ${describeProblem(problem)}`),
            ].join('\n'),
      );
      if (!result.ok) throw new TamperedError();
    });

  return program;
}

class TamperedError extends Error {}

/** Wrong usage found while running a command (commander reports its own parse errors). */
class UsageError extends Error {}

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
