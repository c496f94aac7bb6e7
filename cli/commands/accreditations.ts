import { type Command, Option } from 'commander';
import { technicalAreaIds } from '../../domain/catalogue';
import {
  type Accreditation,
  type CliContext,
  jsonArgument,
  nonNegativeInteger,
  positiveInteger,
} from '../context';

/** Case work through the API: open an accreditation, list them, show one. */
export function accreditationCommands(program: Command, cli: CliContext): void {
  openCommand(program, cli);
  listCommand(program, cli);
  showCommand(program, cli);
}

/** `open`: a new accreditation; the caller becomes its case manager. */
function openCommand(program: Command, cli: CliContext): void {
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
    .option(
      '--technical-areas <ids>',
      `comma-separated fields of application (§2): ${technicalAreaIds.join(', ')}`,
      (value: string) => value.split(',').map((id) => id.trim()),
    )
    .addOption(new Option('--language <language>').choices(['de', 'en']).default('de'))
    .option(
      '--policy <json>',
      'policy as JSON or @file (default: the durations of DIM 1002:2024)',
      jsonArgument,
    )
    .action(async (options) => {
      const opened = await cli.client().request<Accreditation>('POST', '/accreditations', {
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
          ...(options.technicalAreas ? { technicalAreas: options.technicalAreas } : {}),
          ...(options.policy ? { policy: options.policy } : {}),
        },
      });
      cli.print(
        opened,
        () =>
          `Opened ${opened.id} for ${opened.organisation.name} (organisation ${opened.organisation.id}), ${opened.status}.`,
      );
    });
}

/** `list`: accreditations, filtered, page by page. */
function listCommand(program: Command, cli: CliContext): void {
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
        const page = await cli
          .client()
          .request<{ items: Accreditation[]; nextCursor: string | null }>('GET', `/accreditations?${query}`);
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (options.allPages && cursor);
      cli.print({ items, nextCursor: cursor }, () =>
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
}

/** `show`: one accreditation with its open tasks and timeline. */
function showCommand(program: Command, cli: CliContext): void {
  program
    .command('show')
    .description('one accreditation with its open tasks and timeline')
    .argument('<id>', 'accreditation id')
    .action(async (id: string) => {
      const detail = await cli
        .client()
        .request<Accreditation>('GET', `/accreditations/${encodeURIComponent(id)}`);
      cli.print(detail, () =>
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
}
