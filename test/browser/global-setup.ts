import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import type { TestProject } from 'vitest/node';
import { ensureWebBuild } from '../../dev/web-build';
import { screenshotDir } from './paths';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumExecutable: string;
    browserTmpDir: string;
  }
}

/**
 * Unpacks the Chromium of @sparticuz/chromium into a folder of this run: the package caches the
 * binary in the temp folder without a version check, so a shared one could hold an older build.
 */
async function unpackChromium(runDir: string): Promise<string> {
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = runDir;
  try {
    return await chromium.executablePath();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}

/**
 * Once per run of the browser tests (after the shared servers' setup): the web application built
 * if it is missing or stale, Chromium unpacked, and an empty folder for this run's screenshots.
 */
export default async function setup(project: TestProject) {
  const runDir = mkdtempSync(join(tmpdir(), 'dim-browser-'));
  const [executable] = await Promise.all([
    unpackChromium(runDir),
    ensureWebBuild((line) => console.log(line)),
  ]);
  rmSync(screenshotDir, { recursive: true, force: true });
  mkdirSync(screenshotDir, { recursive: true });
  project.provide('chromiumExecutable', executable);
  project.provide('browserTmpDir', runDir);
  return () => rmSync(runDir, { recursive: true, force: true });
}
