import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { entryPoints } from '../../dev/build';
import { projectRoot } from '../../dev/paths';
import { composeProblems, dockerfileEntries, type Repository } from './compose-checks';

const repository: Repository = {
  exists: (path) => existsSync(join(projectRoot, path)),
  read: (path) => readFileSync(join(projectRoot, path), 'utf8'),
};
const composeText = repository.read('docker-compose.yml');

/** The problems of docker-compose.yml with one text replaced (which must occur in it). */
function problemsAfter(from: string | RegExp, to: string): string[] {
  const changed = composeText.replace(from, to);
  expect(changed, `${from} occurs in docker-compose.yml`).not.toBe(composeText);
  return composeProblems(changed, repository);
}

describe('docker-compose.yml', () => {
  it('is valid Compose and consistent with the repository', () => {
    expect(composeProblems(composeText, repository)).toEqual([]);
  });

  it('runs the whole production topology, each service from the compiled code', () => {
    const services = parse(composeText, { merge: true }).services as Record<string, { command?: string[] }>;
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'mail', 'migrate', 'postgres', 'temporal', 'temporal-setup', 'temporal-ui', 'worker'].sort(),
    );
    expect(services.api?.command).toContain('dist/api/main.js');
    expect(services.worker?.command).toContain('dist/worker/main.js');
    expect(services.migrate?.command).toContain('dist/scripts/migrate.js');
  });

  it('catches a broken file: each kind of mistake names itself', () => {
    expect(problemsAfter('    image: postgres:', '    imagee: postgres:')).toEqual([
      'schema: /services/postgres must NOT have additional properties',
    ]);
    expect(
      problemsAfter('    restart: "no"\n    command: ["node"', '    restart: always\n    command: ["node"'),
    ).toEqual([
      'worker: waits for migrate to complete, which restarts (restart is not "no")',
      'api: waits for migrate to complete, which restarts (restart is not "no")',
    ]);
    expect(problemsAfter('      - temporal\n', '      - temporal-server\n')).toEqual([
      'temporal-ui: depends on temporal-server, which is no service',
    ]);
    expect(problemsAfter('dist/api/main.js', 'dist/api/mian.js')).toEqual([
      'api: runs dist/ of api/mian.ts, which npm run build does not compile',
      'api: runs api/mian.ts, which does not exist',
    ]);
    expect(problemsAfter('    TEMPORAL_NAMESPACE: default', '    TEMPORAL_NAMESPAC: default')).toEqual(
      ['migrate', 'worker', 'api'].map(
        (name) => `${name}: sets TEMPORAL_NAMESPAC, which config/env.ts does not read`,
      ),
    );
    expect(problemsAfter('@postgres:5432/dim', '@postgress:5432/dim')).toEqual(
      ['migrate', 'worker', 'api'].flatMap((name) => [
        `${name}: DATABASE_URL names the host postgress, which is no service`,
        `${name}: DATABASE_URL's user, password or database differ from postgress's`,
      ]),
    );
    expect(problemsAfter('      - "3000:3000"\n', '      - "3000:3000"\n      - "9464:9464"\n')).toEqual([
      'api: publishes the metrics port 9464; it belongs inside the network',
    ]);
    expect(problemsAfter('      - "8025:8025"', '      - "3000:8025"')).toEqual([
      'mail: publishes host port 3000, as api does',
    ]);
    expect(problemsAfter('r.ok ? 0 : 1)', 'r.ok ? 0 : 1')).toEqual([
      'api: its healthcheck script does not compile: missing ) after argument list',
    ]);
  });

  it('the image runs a compiled entry point, as a user without privileges', () => {
    const dockerfile = repository.read('Dockerfile');
    const entries = dockerfileEntries(dockerfile);
    expect(entries).toEqual(['api/main.ts']);
    for (const entry of entries) expect(entryPoints).toContain(entry);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
  });
});
