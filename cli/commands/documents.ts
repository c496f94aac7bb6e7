import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { type CliContext, UsageError } from '../context';

const mediaTypes: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.txt': 'text/plain',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Evidence documents: upload one, for use in a step's data. */
export function documentCommands(program: Command, cli: CliContext): void {
  program
    .command('upload')
    .description('upload an evidence document; prints its id (the SHA-256) for use in step data')
    .argument('<file>')
    .option('--type <mediaType>', 'media type (default: from the file extension)')
    .action(async (file: string, options) => {
      const contentType = options.type ?? mediaTypes[extname(file).toLowerCase()];
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
