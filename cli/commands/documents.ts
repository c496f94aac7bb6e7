import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { mediaTypeOfFile } from '../../domain/media-types';
import { type CliContext, UsageError } from '../context';

/** Evidence documents: upload one, for use in a step's data. */
export function documentCommands(program: Command, cli: CliContext): void {
  program
    .command('upload')
    .description('upload an evidence document; prints its id (the SHA-256) for use in step data')
    .argument('<file>')
    .option('--type <mediaType>', 'media type (default: from the file extension)')
    .action(async (file: string, options) => {
      const contentType = options.type ?? mediaTypeOfFile(file);
      if (!contentType) throw new UsageError(`Unknown type of ${file}; give --type.`);
      const name = file.split('/').pop() ?? file;
      const document = await cli
        .client()
        .request<{ id: string; size: number; duplicate: boolean }>(
          'POST',
          `/documents?filename=${encodeURIComponent(name)}`,
          { raw: { content: readFileSync(file), contentType } },
        );
      cli.print(document, () => document.id);
    });
}
