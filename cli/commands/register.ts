import type { Command } from 'commander';
import { ApiClient } from '../api-client';
import type { CliContext } from '../context';

/** The public register: no token needed. */
export function registerCommands(program: Command, cli: CliContext): void {
  program
    .command('register')
    .description('look up the public register (no token needed)')
    .option('--certificate <number>', 'certificate number')
    .option('--organisation <text>', 'part of the organisation name')
    .action(async (options) => {
      const query = new URLSearchParams();
      if (options.certificate) query.set('certificateNumber', options.certificate);
      if (options.organisation) query.set('organisation', options.organisation);
      const { items } = await new ApiClient({ baseUrl: cli.globals().api }).request<{
        items: {
          certificateNumber: string;
          organisationName: string;
          status: string;
          validUntil: string;
          scope: string;
        }[];
      }>('GET', `/register?${query}`);
      cli.print({ items }, () =>
        items.length === 0
          ? 'Not in the register.'
          : items
              .map(
                (item) =>
                  `${item.certificateNumber}  ${item.status.padEnd(9)} ${item.organisationName}  until ${item.validUntil}\n  scope: ${item.scope}`,
              )
              .join('\n'),
      );
    });
}
