import type { Command } from 'commander';
import { rebuildProjections } from '../../db/projections/rebuild';
import { describeProblem, verifyHashChains } from '../../db/verify';
import { type CliContext, TamperedError } from '../context';

/** Maintenance directly on the database: rebuild the projections, verify the events. */
export function operationCommands(program: Command, cli: CliContext): void {
  program
    .command('projections')
    .description('read models')
    .command('rebuild')
    .description(
      'rebuild every projection from the events (appends wait meanwhile; readers see the old tables)',
    )
    .action(async () => {
      const result = await cli.withDb((db) =>
        rebuildProjections(db, {
          onProgress: ({ processed, total }) => {
            if (!cli.globals().json && processed === total) cli.io.err(`${processed}/${total} events`);
          },
        }),
      );
      cli.print(
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
      const result = await cli.withDb((db) => verifyHashChains(db));
      cli.print(result, () =>
        result.ok
          ? `OK: ${result.events} events in ${result.streams} streams verified.`
          : [
              `TAMPERED: ${result.problems.length} stream(s) fail verification (${result.events} events checked).`,
              ...result.problems.slice(0, 50).map((problem) => `  ${describeProblem(problem)}`),
            ].join('\n'),
      );
      if (!result.ok) throw new TamperedError();
    });
}
