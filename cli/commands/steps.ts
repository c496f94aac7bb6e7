import type { Command } from 'commander';
import { stepRouteOf, stepRoutes } from '../../api/step-routes';
import { type Accreditation, type CliContext, jsonArgument, type Task, UsageError } from '../context';

/** The task inbox and the steps of a case (`complete`), through the API. */
export function stepCommands(program: Command, cli: CliContext): void {
  program
    .command('tasks')
    .description('your task inbox')
    .option('--all', 'every open task (staff and administrators)')
    .action(async (options) => {
      const { items } = await cli
        .client()
        .request<{ items: Task[] }>('GET', `/tasks${options.all ? '?all=true' : ''}`);
      cli.print({ items }, () =>
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
      const detail = await cli
        .client()
        .request<Accreditation>('POST', `/accreditations/${encodeURIComponent(id)}/${step.path}`, {
          body: options.data,
          headers: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {},
        });
      cli.print(
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
      cli.print(list, () =>
        list
          .map((step) => `${step.type.padEnd(31)} ${step.path.padEnd(30)} ${step.roles.join(', ')}`)
          .join('\n'),
      );
    });
}
