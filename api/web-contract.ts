/**
 * What the API server and the web application's build (web/vite.config.ts) agree on. No imports:
 * the build reads this file without loading the server.
 *
 * The API's top-level paths — one list, read by the server (which paths a browser navigation may
 * not turn into the web application) and by the web application's dev server (which paths it
 * proxies to the API). `test/web-serving.test.ts` checks that every route of the API lies under one.
 *
 * Some paths are both an API resource and a page of the web application (`/register/{number}`,
 * `/certificates/{number}`, `/tasks`, `/accreditations/{id}`, `/users`, `/complaints` with
 * `/complaints/new` and `/complaints/{id}`: the links in e-mails, the
 * public register's stable links, the printable certificate). A browser navigation to them (a GET that accepts text/html) gets the application,
 * which then fetches the resource as JSON; every other request gets the API.
 */
export const apiPathPrefixes = [
  '/accreditations',
  '/tasks',
  '/register',
  '/certificates',
  '/users',
  '/me',
  '/documents',
  '/notifications',
  '/dashboard',
  '/decision-queue',
  '/compliance',
  '/complaints',
  '/complainants',
  '/organisations',
  '/auth',
  '/catalogue',
  '/calendar-feeds',
  '/calendar',
  '/health',
  '/metrics',
  '/openapi.json',
  '/docs',
] as const;

/**
 * Paths that stay the server's even for a browser navigation: tools for people reading the API
 * (docs, the document itself), operators' endpoints, and document downloads (attachments).
 */
export const serverOnlyPathPrefixes = [
  '/docs',
  '/openapi.json',
  '/health',
  '/metrics',
  '/documents',
  // Personal calendar feeds: fetched by calendar applications, never a page.
  '/calendar',
] as const;

/** Whether `path` (without query) is `prefix` itself or lies below it. */
export function isUnder(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Stands in the built index.html where each response puts a fresh nonce (Vite's `html.cspNonce`):
 * Mantine writes its CSS variables into <style> elements, which a CSP without 'unsafe-inline'
 * admits only with the page's nonce.
 */
export const cspNoncePlaceholder = 'dim-csp-nonce';
