import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { toolsDir } from './paths';

/** Pinned: later CLI releases carry a `replace` directive that `go install` refuses. */
export const temporalCliModule = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
export const temporalTestServerArtifact = {
  groupId: 'io.temporal',
  artifactId: 'temporal-test-server',
  version: '1.35.0',
};

export class MissingToolError extends Error {}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function fromEnv(variable: string): string | undefined {
  const path = process.env[variable];
  if (!path) return undefined;
  if (!isExecutable(path)) throw new MissingToolError(`${variable}=${path} is not an executable file.`);
  return path;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let lastLine = '';
    const onData = (chunk: Buffer) => {
      const lines = chunk.toString().trim().split('\n');
      lastLine = lines[lines.length - 1] ?? lastLine;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const ticker = setInterval(() => {
      const seconds = Math.round((Date.now() - started) / 1000);
      process.stderr.write(`[tools] ${label}: ${seconds}s … ${lastLine.slice(0, 100)}\n`);
    }, 10_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(ticker);
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (exit ${code}): ${lastLine}`));
    });
  });
}

/**
 * The Temporal CLI (dev server): TEMPORAL_CLI → `temporal` on PATH → the tools folder →
 * built with Go into the tools folder (about 3 minutes the first time).
 */
export async function resolveTemporalCli(): Promise<string> {
  const found = fromEnv('TEMPORAL_CLI') ?? onPath('temporal');
  if (found) return found;
  const binDir = join(toolsDir, 'bin');
  const built = join(binDir, 'temporal');
  if (isExecutable(built)) return built;
  const go = onPath('go');
  if (!go) {
    throw new MissingToolError(
      'The Temporal CLI was not found. Install it (macOS: `brew install temporal`; Linux: ' +
        '`curl -sSf https://temporal.download/cli.sh | sh`) and put `temporal` on PATH or set ' +
        'TEMPORAL_CLI, or install Go 1.25+ so the project can build it.',
    );
  }
  mkdirSync(binDir, { recursive: true });
  process.stderr.write(
    `[tools] building the Temporal CLI: go install ${temporalCliModule} (first time ~3 min)\n`,
  );
  await run(go, ['install', temporalCliModule], { ...process.env, GOBIN: binDir }, 'go install temporal');
  return built;
}

const testServerPom = (outputDir: string) => `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.dim</groupId>
  <artifactId>temporal-test-server-fetch</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>${temporalTestServerArtifact.groupId}</groupId>
      <artifactId>${temporalTestServerArtifact.artifactId}</artifactId>
      <version>${temporalTestServerArtifact.version}</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.8.1</version>
        <configuration><outputDirectory>${outputDir}</outputDirectory></configuration>
      </plugin>
    </plugins>
  </build>
</project>
`;

/**
 * The time-skipping test server (Java, from Maven Central) behind a wrapper script:
 * TEMPORAL_TEST_SERVER → the tools folder → fetched with Maven into the tools folder.
 */
export async function resolveTemporalTestServer(): Promise<string> {
  const found = fromEnv('TEMPORAL_TEST_SERVER');
  if (found) return found;
  const dir = join(toolsDir, `temporal-test-server-${temporalTestServerArtifact.version}`);
  const wrapper = join(dir, 'temporal-test-server');
  if (isExecutable(wrapper)) return wrapper;
  const mvn = onPath('mvn');
  if (!mvn || !onPath('java')) {
    throw new MissingToolError(
      'The Temporal time-skipping test server was not found. Install Java 17+ and Maven so the project ' +
        `can fetch ${Object.values(temporalTestServerArtifact).join(':')}, or set TEMPORAL_TEST_SERVER ` +
        'to an executable that starts it (arguments: <port>).',
    );
  }
  const jars = join(dir, 'jars');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pom.xml'), testServerPom(jars));
  process.stderr.write('[tools] fetching the Temporal test server from Maven Central\n');
  await run(
    mvn,
    ['-q', '-B', '-f', join(dir, 'pom.xml'), 'dependency:copy-dependencies'],
    process.env,
    'mvn',
  );
  writeFileSync(wrapper, `#!/bin/sh\nexec java -cp '${jars}/*' io.temporal.testserver.TestServer "$@"\n`, {
    mode: 0o755,
  });
  return wrapper;
}

export function temporalCliVersion(path: string): string {
  return spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim();
}
