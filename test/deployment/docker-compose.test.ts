import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../dev/paths';

// No Docker engine here: Debian's docker-compose 1.29 validates the file offline.
function composeConfig(file: string, ...args: string[]) {
  return spawnSync('docker-compose', ['-f', file, 'config', ...args], { encoding: 'utf8', cwd: projectRoot });
}

const composeFile = join(projectRoot, 'docker-compose.yml');

describe('docker-compose.yml', () => {
  it('is valid compose', () => {
    const result = composeConfig(composeFile, '-q');
    expect(result.error, 'docker-compose is not installed (apt-get install docker-compose)').toBeUndefined();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the validation rejects a broken file', () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'compose-')), 'docker-compose.yml');
    writeFileSync(
      broken,
      readFileSync(composeFile, 'utf8').replace('    image: postgres:', '    imagee: postgres:'),
    );
    expect(composeConfig(broken, '-q').status).not.toBe(0);
  });

  it('runs the whole production topology', () => {
    const services = execFileSync('docker-compose', ['-f', composeFile, 'config', '--services'], {
      encoding: 'utf8',
    });
    expect(services.trim().split('\n').sort()).toEqual(
      ['api', 'mail', 'migrate', 'postgres', 'temporal', 'temporal-setup', 'temporal-ui', 'worker'].sort(),
    );
  });

  it('starts only files that exist in the repository', () => {
    const resolved = composeConfig(composeFile).stdout;
    const started = [...resolved.matchAll(/- ([\w/-]+\.ts)$/gm)].map((match) => match[1] as string);
    expect(started.sort()).toEqual(['api/main.ts', 'scripts/migrate.ts', 'worker/main.ts']);
    for (const file of started) expect(existsSync(join(projectRoot, file)), file).toBe(true);
    expect(existsSync(join(projectRoot, 'Dockerfile'))).toBe(true);
  });
});
