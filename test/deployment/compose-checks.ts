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
  secrets?: (string | { source: string })[];
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

/** `[[IP:]HOST:]CONTAINER[/PROTOCOL]` or the long form, as { ip, published, target } ('' for all interfaces). */
const portsOf = (service: Service) =>
  (service.ports ?? []).map((port) => {
    if (typeof port === 'object')
      return {
        ip: String((port as { host_ip?: string }).host_ip ?? ''),
        published: String(port.published ?? ''),
        target: String(port.target),
      };
    const [target = '', published = '', ...ip] = String(port).split('/')[0]?.split(':').reverse() ?? [];
    return { ip: ip.reverse().join(':'), published, target };
  });

const isTlsProxy = (service: Service) => /^caddy(:|$)/.test(service.image ?? '');
const loopback = new Set(['127.0.0.1', '::1', '[::1]']);

/**
 * Closed by default: only the TLS proxy is published on every interface; everything else that is
 * published at all is bound to the loopback. The API sits behind the proxy and believes its
 * X-Forwarded-For (TRUST_PROXY); the proxy forwards to a service's API port that exists. The
 * Temporal UI, which has no sign-in, is read-only.
 */
function checkExposure(compose: Compose): string[] {
  const problems: string[] = [];
  const services = Object.entries(compose.services);
  for (const [name, service] of services) {
    if (isTlsProxy(service)) continue;
    for (const port of portsOf(service)) {
      if (port.published && !loopback.has(port.ip)) {
        problems.push(
          `${name}: publishes ${port.published} on every interface; bind it to 127.0.0.1 or serve it through the TLS proxy`,
        );
      }
    }
    if (
      (service.image ?? '').startsWith('temporalio/ui') &&
      envOf(service).TEMPORAL_DISABLE_WRITE_ACTIONS !== 'true'
    ) {
      problems.push(`${name}: the Temporal UI has no sign-in; set TEMPORAL_DISABLE_WRITE_ACTIONS: "true"`);
    }
  }
  const proxies = services.filter(([, service]) => isTlsProxy(service));
  if (proxies.length === 0) problems.push('no TLS proxy (caddy) in front of the API');
  for (const [name, proxy] of proxies) {
    const command = Array.isArray(proxy.command) ? proxy.command : (proxy.command ?? '').split(/\s+/);
    const upstream = command[command.indexOf('--to') + 1] ?? '';
    const [host = '', port = ''] = upstream.split(':');
    const target = compose.services[host];
    if (!target || envOf(target).API_PORT !== port) {
      problems.push(`${name}: forwards to ${upstream || 'nothing'}, which is no service's API_PORT`);
    } else if (!envOf(target).TRUST_PROXY) {
      problems.push(
        `${host}: behind ${name} without TRUST_PROXY: every client would have the proxy's address`,
      );
    }
  }
  return problems;
}

/** The files a service's command runs: `node … dist/x/y.js` → the build's entry `x/y.ts`. */
const compiledFilesOf = (command: string[]) =>
  command
    .filter((part) => /^dist\/.+\.js$/.test(part))
    .map((part) => part.replace(/^dist\/(.+)\.js$/, '$1.ts'));

type AppConfig = ReturnType<typeof EnvSchema.parse>;

/**
 * Least privilege (db/roles.ts): the application connects neither as the server's superuser nor
 * as the schema's owner; passwords come from secrets files the service mounts, not from URLs.
 */
function checkDatabaseLogins(name: string, service: Service, compose: Compose, config: AppConfig): string[] {
  const problems: string[] = [];
  const mounted = new Set(
    (service.secrets ?? []).map((secret) => (typeof secret === 'string' ? secret : secret.source)),
  );
  const logins = [
    ['DATABASE_URL', config.DATABASE_URL, 'DATABASE_PASSWORD_FILE', config.DATABASE_PASSWORD_FILE],
    [
      'MIGRATION_DATABASE_URL',
      config.MIGRATION_DATABASE_URL,
      'MIGRATION_DATABASE_PASSWORD_FILE',
      config.MIGRATION_DATABASE_PASSWORD_FILE,
    ],
  ] as const;
  for (const [urlKey, address, fileKey, file] of logins) {
    if (!address) continue;
    const url = new URL(address);
    if (url.password) problems.push(`${name}: ${urlKey} holds a password; give it in ${fileKey} (a secret)`);
    const secret = /^\/run\/secrets\/(.+)$/.exec(file ?? '')?.[1];
    if (file !== undefined && (!secret || !mounted.has(secret))) {
      problems.push(`${name}: ${fileKey} is no secret the service mounts (/run/secrets/…)`);
    }
    // migrate reads DATABASE_URL for its role's name only; it connects by MIGRATION_DATABASE_URL.
    const connects = urlKey === 'MIGRATION_DATABASE_URL' || !config.MIGRATION_DATABASE_URL;
    if (connects && !url.password && file === undefined) {
      problems.push(`${name}: ${urlKey} has no password: set ${fileKey} to a secret`);
    }
  }
  if (config.DATABASE_URL) {
    const url = new URL(config.DATABASE_URL);
    const superuser = envOf(compose.services[url.hostname] ?? {}).POSTGRES_USER ?? 'postgres';
    const owner = config.MIGRATION_DATABASE_URL ? new URL(config.MIGRATION_DATABASE_URL).username : undefined;
    if (url.username === superuser || url.username === owner || !url.username) {
      problems.push(
        `${name}: DATABASE_URL connects as ${url.username || 'nobody'}, not as the application role`,
      );
    }
  }
  return problems;
}

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
    ['MIGRATION_DATABASE_URL', config.MIGRATION_DATABASE_URL],
    ['TEMPORAL_ADDRESS', config.TEMPORAL_ADDRESS],
    ['SMTP_URL', config.SMTP_URL],
  ] as const) {
    if (address && !compose.services[hostOf(address)]) {
      problems.push(`${name}: ${key} names the host ${hostOf(address)}, which is no service`);
    }
  }
  problems.push(...checkDatabaseLogins(name, service, compose, config));
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
  const problems: string[] = checkExposure(compose);
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
