import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../dev/paths';

const webSource = join(projectRoot, 'web', 'src');
const serverPackages = /^(fastify|@fastify\/|pg$|kysely|@temporalio\/|nodemailer|pino|node:)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const specifiers = (text: string) =>
  [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1] ?? '');

/**
 * The web application talks to the server only through its HTTP API (the client generated from
 * /openapi.json): it imports its own modules, browser packages, and pure domain modules through
 * `@domain/` — never the server's code or packages.
 */
describe('what the web application imports', () => {
  it('is its own code, browser packages and pure domain modules', () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(webSource)) {
      for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
        const where = relative(projectRoot, file);
        if (specifier.startsWith('.')) {
          const target = resolve(dirname(file), specifier);
          if (!target.startsWith(webSource)) wrong.push(`${where}: ${specifier}`);
        } else if (specifier.startsWith('@domain/')) {
          const domainFile = join(projectRoot, 'domain', `${specifier.slice('@domain/'.length)}.ts`);
          const imports = specifiers(readFileSync(domainFile, 'utf8'));
          const impure = imports.filter((name) => !name.startsWith('./') && name !== 'zod');
          if (impure.length > 0) wrong.push(`${where}: ${specifier} imports ${impure.join(', ')}`);
        } else if (serverPackages.test(specifier)) {
          wrong.push(`${where}: ${specifier}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
