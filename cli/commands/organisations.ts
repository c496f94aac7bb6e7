import type { Command } from 'commander';
import { type CliContext, UsageError } from '../context';

/** Organisations: erasing one's data on its request (through the API, administrators). */
export function organisationCommands(program: Command, cli: CliContext): void {
  const organisations = program.command('organisations').description('organisations and their data');
  organisations
    .command('erase <organisationId>')
    .description(
      'erase an organisation’s data on its request (Art. 17 DSGVO): name, free texts, documents, ' +
        'accounts and its cases’ workflow histories; refused while a case of it runs',
    )
    .option('--yes', 'confirm: the erasure cannot be undone', false)
    .action(async (organisationId: string, options: { yes: boolean }) => {
      if (!options.yes) throw new UsageError('Erasing cannot be undone: confirm with --yes.');
      const erased = await cli
        .client()
        .request<{ cases: string[]; documents: number; accounts: number }>(
          'POST',
          `/organisations/${encodeURIComponent(organisationId)}/erasure`,
        );
      cli.print(
        { organisationId, ...erased },
        () =>
          `Erased organisation ${organisationId}: ${erased.cases.length} case(s), ` +
          `${erased.documents} document(s), ${erased.accounts} account(s).`,
      );
    });
}
