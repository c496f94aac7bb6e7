import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { apiPathPrefixes, cspNoncePlaceholder, isUnder } from '../../api/web-contract';
import { createDb } from '../../db/connection';

/**
 * How the API serves the web application, on a stand-in build (the real one is served in the
 * browser tests). The app's dependencies are never used here: no request reaches the database or
 * Temporal (every API request below is refused or answered before).
 */
describe('the web application served by the API', () => {
  const root = mkdtempSync(join(tmpdir(), 'dim-web-dist-'));
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;
  const db = createDb('postgres://unused@127.0.0.1:1/unused', { maxConnections: 1 });
  let app: Awaited<ReturnType<typeof buildApp>>;
  let bare: Awaited<ReturnType<typeof buildApp>>;

  const page = (url: string, accept = 'text/html,application/xhtml+xml,*/*;q=0.8') =>
    app.inject({ method: 'GET', url, headers: { accept } });

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(
      join(root, 'index.html'),
      `<html><head><meta property="csp-nonce" nonce="${cspNoncePlaceholder}"></head><body>app</body></html>`,
    );
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(root, 'assets', 'index-AbC123.js'), script);
    writeFileSync(join(root, 'assets', 'index-AbC123.js.br'), brotliCompressSync(script));
    const deps = { db, temporal: new Client(), taskQueue: 'unused', logger: false as const };
    app = await buildApp({ ...deps, webRoot: root });
    bare = await buildApp(deps);
  });
  afterAll(async () => {
    await app?.close();
    await bare?.close();
    await db.destroy();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers a navigation with the page: a fresh CSP nonce, never cached', async () => {
    const [first, second] = [await page('/'), await page('/')];
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(first.headers['cache-control']).toContain('no-store');
    const nonce = /nonce="([^"]+)"/.exec(first.body)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(/nonce="([^"]+)"/.exec(second.body)?.[1]).not.toBe(nonce);
    const csp = String(first.headers['content-security-policy']);
    const directives = Object.fromEntries(
      csp.split(';').map((directive) => {
        const [name = '', ...values] = directive.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['style-src']).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(directives['script-src']?.[0]).toBe("'self'");
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    // One policy: two would arrive as an array, or joined by a comma.
    expect(first.headers['content-security-policy']).toBe(csp);
    expect(csp).not.toContain(',');
    expect(first.headers['referrer-policy']).toBe('no-referrer');
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers.vary).toContain('Accept');
  });

  it('opens deep links as pages, also where the path is an API resource (e-mail links, register links)', async () => {
    for (const path of [
      '/sign-in',
      '/tasks',
      '/accreditations/abc',
      '/register/DIM1002-2026-7K3M9QXA',
      '/complaints/new',
      '/complaints/abc',
      '/x/y',
    ]) {
      const response = await page(path);
      expect(response.statusCode, path).toBe(200);
      expect(response.body, path).toContain('<body>app</body>');
    }
    expect(
      (await app.inject({ method: 'HEAD', url: '/tasks', headers: { accept: 'text/html' } })).statusCode,
    ).toBe(200);
  });

  it('answers everything that is not a navigation as the API', async () => {
    const fetched = await page('/tasks', 'application/json');
    expect(fetched.statusCode).toBe(401);
    expect(fetched.headers['content-type']).toContain('application/problem+json');
    expect(fetched.headers.vary).toContain('Accept');

    // The complaint form's fetch: the public POST, never the page.
    const lodged = await app.inject({
      method: 'POST',
      url: '/complaints',
      headers: { accept: 'text/html,application/json' },
      payload: {},
    });
    expect(lodged.statusCode).toBe(400);
    expect(lodged.headers['content-type']).toContain('application/problem+json');

    const unknown = await page('/accreditations/abc/unknown-step', '*/*');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ type: '/problems/not-found' });
    expect((await page('/nothing-here', '*/*')).statusCode).toBe(404);

    const posted = await app.inject({ method: 'POST', url: '/tasks', headers: { accept: 'text/html' } });
    expect(posted.headers['content-type']).toContain('application/problem+json');
  });

  it('keeps the server its own pages and downloads, even for a navigation', async () => {
    expect((await page('/openapi.json')).headers['content-type']).toContain('application/json');
    expect((await page('/docs/')).body).toContain('swagger');
    const download = await page('/documents/0000/content');
    expect(download.statusCode).toBe(401);
    expect(download.headers['content-type']).toContain('application/problem+json');
  });

  it('serves hashed assets for a year, immutable, precompressed when accepted; a missing one is a 404', async () => {
    const asset = await app.inject({
      method: 'GET',
      url: '/assets/index-AbC123.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('br');
    expect(asset.headers['content-type']).toContain('javascript');

    const plain = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);

    const favicon = await page('/favicon.svg');
    expect(favicon.headers['content-type']).toContain('image/svg+xml');
    expect(favicon.headers['cache-control']).toBe('public, max-age=3600');

    const missing = await page('/assets/index-Gone99.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('without a build, a navigation reaches the API as before', async () => {
    const response = await bare.inject({ method: 'GET', url: '/tasks', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('lists every documented route under one of the API path prefixes (for the dev server and the rewrite)', async () => {
    const document = (await bare.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    const outside = Object.keys(document.paths).filter((path) => !isUnder(path, apiPathPrefixes));
    expect(Object.keys(document.paths).length).toBeGreaterThan(10);
    expect(outside).toEqual([]);
  });
});
