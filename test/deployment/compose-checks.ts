/**
 * Validates docker-compose.yml in-process, without a Docker engine or a `docker-compose` binary:
 * YAML (with merge keys) → the Compose Specification's JSON schema (compose-spec.json, see
 * README.md here) → the consistency checks the schema cannot make.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseDocument } from 'yaml';
import { EnvSchema } from '../../config/env';
import { entryPoints } from '../../dev/build';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'compose-spec.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: (string | number | { published?: string | number; target?: number })[];
  expose?: (string | number)[];
  healthcheck?: { test?: string | string[] };
  restart?: string;
}

interface Compose {
  services: Record<string, Service>;
}

/** What the checks read besides the file: the repository's files. */
export interface Repository {
  exists(path: string): boolean;
  read(path: string): string;
}

const envOf = (service: Service): Record<string, string> => {
  const environment = service.environment ?? {};
  const pairs = Array.isArray(environment)
    ? environment.map((entry) => entry.split(/=(.*)/s).slice(0, 2) as [string, string])
    : Object.entries(environment).map(([key, value]) => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(pairs);
};

const dependenciesOf = (service: Service): [string, string | undefined][] =>
  Array.isArray(service.depends_on)
    ? service.depends_on.map((name) => [name, undefined])
    : Object.entries(service.depends_on ?? {}).map(([name, dependency]) => [name, dependency.condition]);

/** `[HOST:]CONTAINER[/PROTOCOL]` or the long form, as { published, target }. */
const portsOf = (service: Service) =>
  (service.ports ?? []).map((port) => {
    if (typeof port === 'object')
      return { published: String(port.published ?? ''), target: String(port.target) };
    const [target = '', published = ''] = String(port).split('/')[0]?.split(':').reverse() ?? [];
    return { published, target };
  });

/** The files a service's command runs: `node … dist/x/y.js` → the build's entry `x/y.ts`. */
const compiledFilesOf = (command: string[]) =>
  command
    .filter((part) => /^dist\/.+\.js$/.test(part))
    .map((part) => part.replace(/^dist\/(.+)\.js$/, '$1.ts'));

function checkAppService(name: string, service: Service, compose: Compose, repository: Repository): string[] {
  const problems: string[] = [];
  const command = Array.isArray(service.command) ? service.command : (service.command ?? '').split(/\s+/);
  const files = compiledFilesOf(command);
  if (files.length === 0) problems.push(`${name}: its command runs no compiled file (dist/…)`);
  for (const file of files) {
    if (!entryPoints.includes(file))
      problems.push(`${name}: runs dist/ of ${file}, which npm run build does not compile`);
    if (!repository.exists(file)) problems.push(`${name}: runs ${file}, which does not exist`);
  }
  const env = envOf(service);
  const known = new Set(Object.keys(EnvSchema.shape));
  for (const key of Object.keys(env)) {
    if (!known.has(key)) problems.push(`${name}: sets ${key}, which config/env.ts does not read`);
  }
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${name}: ${issue.path.join('.')}: ${issue.message}`);
    return problems;
  }
  const config = parsed.data;
  const hostOf = (address: string) =>
    new URL(address.includes('://') ? address : `tcp://${address}`).hostname;
  for (const [key, address] of [
    ['DATABASE_URL', config.DATABASE_URL],
    ['TEMPORAL_ADDRESS', config.TEMPORAL_ADDRESS],
    ['SMTP_URL', config.SMTP_URL],
  ] as const) {
    if (address && !compose.services[hostOf(address)]) {
      problems.push(`${name}: ${key} names the host ${hostOf(address)}, which is no service`);
    }
  }
  if (config.DATABASE_URL) {
    const url = new URL(config.DATABASE_URL);
    const postgres = envOf(compose.services[url.hostname] ?? {});
    const expected = [postgres.POSTGRES_USER, postgres.POSTGRES_PASSWORD, postgres.POSTGRES_DB];
    if (
      `${url.username}:${url.password}/${url.pathname.slice(1)}` !==
      `${expected[0]}:${expected[1]}/${expected[2]}`
    ) {
      problems.push(`${name}: DATABASE_URL's user, password or database differ from ${url.hostname}'s`);
    }
  }
  const published = portsOf(service);
  if (published.length > 0 && !published.some((port) => port.target === String(config.API_PORT))) {
    problems.push(
      `${name}: publishes ${published.map((p) => p.target).join(', ')}, not its API_PORT ${config.API_PORT}`,
    );
  }
  for (const metricsPort of [config.API_METRICS_PORT, config.WORKER_METRICS_PORT]) {
    if (published.some((port) => port.target === String(metricsPort))) {
      problems.push(`${name}: publishes the metrics port ${metricsPort}; it belongs inside the network`);
    }
  }
  return problems;
}

function checkHealthcheck(name: string, service: Service): string[] {
  const test = service.healthcheck?.test;
  if (!Array.isArray(test) || test[1] !== 'node' || test[2] !== '-e') return [];
  try {
    new Script(test[3] ?? '');
    return [];
  } catch (error) {
    return [`${name}: its healthcheck script does not compile: ${(error as Error).message}`];
  }
}

/** Every problem found in the text of a compose file; none for a good one. */
export function composeProblems(text: string, repository: Repository): string[] {
  const document = parseDocument(text, { merge: true });
  if (document.errors.length > 0) return document.errors.map((error) => `YAML: ${error.message}`);
  const compose = document.toJS({ maxAliasCount: 100 }) as Compose;
  if (!validate(compose)) {
    return (validate.errors ?? []).map((error) => `schema: ${error.instancePath || '/'} ${error.message}`);
  }
  const problems: string[] = [];
  const hostPorts = new Map<string, string>();
  for (const [name, service] of Object.entries(compose.services)) {
    for (const [dependency, condition] of dependenciesOf(service)) {
      const target = compose.services[dependency];
      if (!target) problems.push(`${name}: depends on ${dependency}, which is no service`);
      else if (condition === 'service_healthy' && !target.healthcheck)
        problems.push(`${name}: waits for ${dependency} to be healthy, which has no healthcheck`);
      else if (condition === 'service_completed_successfully' && target.restart !== 'no')
        problems.push(`${name}: waits for ${dependency} to complete, which restarts (restart is not "no")`);
    }
    for (const { published } of portsOf(service)) {
      if (!published) continue;
      const other = hostPorts.get(published);
      if (other) problems.push(`${name}: publishes host port ${published}, as ${other} does`);
      hostPorts.set(published, name);
    }
    problems.push(...checkHealthcheck(name, service));
    const context = typeof service.build === 'string' ? service.build : service.build?.context;
    if (context !== undefined) {
      const dockerfile =
        typeof service.build === 'object' ? (service.build.dockerfile ?? 'Dockerfile') : 'Dockerfile';
      if (!repository.exists(join(context, dockerfile)))
        problems.push(`${name}: builds ${dockerfile}, which does not exist`);
      problems.push(...checkAppService(name, service, compose, repository));
    }
  }
  return problems;
}

/** The files the Dockerfile's CMD runs, as build entries (`dist/api/main.js` → `api/main.ts`). */
export function dockerfileEntries(dockerfile: string): string[] {
  const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(dockerfile)?.[1];
  return cmd ? compiledFilesOf(JSON.parse(cmd) as string[]) : [];
}
