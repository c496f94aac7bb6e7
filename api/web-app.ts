import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { cspNoncePlaceholder, isUnder, serverOnlyPathPrefixes } from './web-contract';

/** The route every browser navigation is routed to (see `navigationRewrite`). */
const pagePath = '/index.html';
const assetsPrefix = '/assets/';

/** The built web application (`npm run build:web` → web/dist), read once at start-up. */
export interface WebApplication {
  root: string;
  indexHtml: string;
  /** Top-level files other than index.html (favicon …): served as files, never as the page. */
  rootFiles: ReadonlySet<string>;
}

export function loadWebApplication(root: string): WebApplication | undefined {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return undefined;
  const rootFiles = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== 'index.html')
    .map((entry) => `/${entry.name}`);
  return { root, indexHtml: readFileSync(index, 'utf8'), rootFiles: new Set(rootFiles) };
}

/**
 * Fastify's `rewriteUrl`: a browser navigation — a GET or HEAD that accepts text/html — is routed
 * to the page, whatever its path, so deep links (`/accreditations/{id}`, `/register/{number}`) open
 * the application even where the same path is an API resource. Everything else (the application's
 * own fetches, curl, the CLI) reaches the API; unknown API paths stay JSON 404s.
 */
export function navigationRewrite(web: WebApplication) {
  return (request: IncomingMessage): string => {
    const url = request.url ?? '/';
    if (request.method !== 'GET' && request.method !== 'HEAD') return url;
    if (!request.headers.accept?.includes('text/html')) return url;
    const path = url.split('?')[0] ?? url;
    if (path.startsWith(assetsPrefix) || web.rootFiles.has(path) || isUnder(path, serverOnlyPathPrefixes)) {
      return url;
    }
    return pagePath;
  };
}

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function addVary(reply: FastifyReply, field: string) {
  const current = reply.getHeader('vary');
  const fields = typeof current === 'string' && current ? current.split(/\s*,\s*/) : [];
  if (!fields.some((existing) => existing.toLowerCase() === field.toLowerCase())) {
    reply.header('vary', [...fields, field].join(', '));
  }
}

/**
 * Security headers on every response, and — when the web application is built — the application:
 * the page (index.html with a fresh CSP nonce, never cached), its hashed assets (cached for a year,
 * immutable; precompressed .br/.gz when the client accepts them) and its other files.
 */
export const webApplicationPlugin = fp(async (app: FastifyInstance, { web }: { web?: WebApplication }) => {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    // The same URL answers a navigation with the page and a fetch with JSON.
    if (web && !request.url.startsWith(assetsPrefix)) addVary(reply, 'Accept');
  });
  if (!web) return;

  app.get(pagePath, { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) => {
    const nonce = randomBytes(16).toString('base64');
    return reply
      .header('content-security-policy', contentSecurityPolicy(nonce))
      .header('cache-control', 'no-cache, no-store, must-revalidate')
      .header('cross-origin-opener-policy', 'same-origin')
      .type('text/html; charset=utf-8')
      .send(web.indexHtml.replaceAll(cspNoncePlaceholder, nonce));
  });

  await app.register(async (files) => {
    files.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    await files.register(fastifyStatic, {
      root: web.root,
      wildcard: false,
      index: false,
      globIgnore: ['index.html', '**/*.br', '**/*.gz'],
      decorateReply: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        const hashed = path.startsWith(join(web.root, 'assets'));
        reply.header(
          'cache-control',
          hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
        );
      },
    });
  });
});
