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
      [
        'api',
        'checkpoint',
        'mail',
        'migrate',
        'postgres',
        'proxy',
        'temporal',
        'temporal-setup',
        'temporal-ui',
        'worker',
      ].sort(),
    );
    expect(services.api?.command).toContain('dist/api/main.js');
    expect(services.worker?.command).toContain('dist/worker/main.js');
    expect(services.migrate?.command).toContain('dist/scripts/migrate.js');
  });

  it('catches a broken file: each kind of mistake names itself', () => {
    /** The services that run the application's image with its environment. */
    const appServices = ['migrate', 'worker', 'api', 'checkpoint'];
    expect(problemsAfter('    image: postgres:', '    imagee: postgres:')).toEqual([
      'schema: /services/postgres must NOT have additional properties',
    ]);
    expect(
      problemsAfter('    restart: "no"\n    command: ["node"', '    restart: always\n    command: ["node"'),
    ).toEqual([
      'worker: waits for migrate to complete, which restarts (restart is not "no")',
      'api: waits for migrate to complete, which restarts (restart is not "no")',
      'checkpoint: waits for migrate to complete, which restarts (restart is not "no")',
    ]);
    expect(problemsAfter('      - temporal\n', '      - temporal-server\n')).toEqual([
      'temporal-ui: depends on temporal-server, which is no service',
    ]);
    expect(problemsAfter('dist/api/main.js', 'dist/api/mian.js')).toEqual([
      'api: runs dist/ of api/mian.ts, which npm run build does not compile',
      'api: runs api/mian.ts, which does not exist',
    ]);
    expect(problemsAfter('    TEMPORAL_NAMESPACE: default', '    TEMPORAL_NAMESPAC: default')).toEqual(
      appServices.map((name) => `${name}: sets TEMPORAL_NAMESPAC, which config/env.ts does not read`),
    );
    expect(problemsAfter('dim_app@postgres:5432/dim', 'dim_app@postgress:5432/dim')).toEqual(
      appServices.map((name) => `${name}: DATABASE_URL names the host postgress, which is no service`),
    );
    expect(problemsAfter('      - "127.0.0.1:8025:8025"', '      - "127.0.0.1:443:8025"')).toEqual([
      'mail: publishes host port 443, as proxy does',
    ]);
    expect(problemsAfter('r.ok ? 0 : 1)', 'r.ok ? 0 : 1')).toEqual([
      'api: its healthcheck script does not compile: missing ) after argument list',
    ]);
  });

  it('connects the application with least privilege, passwords from secrets (issue 22, item 3)', () => {
    const appServices = ['migrate', 'worker', 'api', 'checkpoint'];
    expect(problemsAfter('postgres://dim_app@', 'postgres://postgres@')).toEqual(
      appServices.map((name) => `${name}: DATABASE_URL connects as postgres, not as the application role`),
    );
    expect(problemsAfter('postgres://dim_owner@', 'postgres://dim_app@')).toEqual([
      'migrate: DATABASE_URL connects as dim_app, not as the application role',
    ]);
    expect(problemsAfter('postgres://dim_app@', 'postgres://dim_app:secret@')).toEqual(
      appServices.map(
        (name) => `${name}: DATABASE_URL holds a password; give it in DATABASE_PASSWORD_FILE (a secret)`,
      ),
    );
    expect(problemsAfter('/run/secrets/dim_app_password', '/run/secrets/dim_app_pw')).toEqual([
      'worker: DATABASE_PASSWORD_FILE is no secret the service mounts (/run/secrets/…)',
    ]);
    expect(
      problemsAfter('      MIGRATION_DATABASE_PASSWORD_FILE: /run/secrets/dim_owner_password\n', ''),
    ).toEqual([
      'migrate: MIGRATION_DATABASE_URL has no password: set MIGRATION_DATABASE_PASSWORD_FILE to a secret',
    ]);
  });

  it('is closed by default: only the TLS proxy on the network, the API behind it trusting it', () => {
    const api = '      TRUST_PROXY: "1"\n';
    expect(problemsAfter(api, `${api}    ports:\n      - "3000:3000"\n`)).toEqual([
      'api: publishes 3000 on every interface; bind it to 127.0.0.1 or serve it through the TLS proxy',
    ]);
    expect(problemsAfter(api, `${api}    ports:\n      - "127.0.0.1:9464:9464"\n`)).toEqual([
      'api: publishes 9464, not its API_PORT 3000',
      'api: publishes the metrics port 9464; it belongs inside the network',
    ]);
    expect(problemsAfter('"127.0.0.1:8233:8080"', '"8233:8080"')).toEqual([
      'temporal-ui: publishes 8233 on every interface; bind it to 127.0.0.1 or serve it through the TLS proxy',
    ]);
    expect(problemsAfter('"127.0.0.1:8025:8025"', '"0.0.0.0:8025:8025"')).toEqual([
      'mail: publishes 8025 on every interface; bind it to 127.0.0.1 or serve it through the TLS proxy',
    ]);
    expect(
      problemsAfter('TEMPORAL_DISABLE_WRITE_ACTIONS: "true"', 'TEMPORAL_DISABLE_WRITE_ACTIONS: "false"'),
    ).toEqual(['temporal-ui: the Temporal UI has no sign-in; set TEMPORAL_DISABLE_WRITE_ACTIONS: "true"']);
    expect(problemsAfter('      TRUST_PROXY: "1"\n', '')).toEqual([
      "api: behind proxy without TRUST_PROXY: every client would have the proxy's address",
    ]);
    expect(problemsAfter('"--to", "api:3000"', '"--to", "api:3001"')).toEqual([
      "proxy: forwards to api:3001, which is no service's API_PORT",
    ]);
    expect(problemsAfter('image: caddy:2.10.0', 'image: nginx:1.27')).toEqual([
      'proxy: publishes 80 on every interface; bind it to 127.0.0.1 or serve it through the TLS proxy',
      'proxy: publishes 443 on every interface; bind it to 127.0.0.1 or serve it through the TLS proxy',
      'no TLS proxy (caddy) in front of the API',
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
