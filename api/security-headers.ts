import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The one Content-Security-Policy of every response. The page of the web application (and only
 * it) adds a fresh nonce per response (`helmet: { enableCSPNonces: true }` on its route): Mantine
 * writes its CSS variables into <style> elements, which the policy admits only with that nonce.
 */
const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  },
};

/**
 * Security headers on every response (`@fastify/helmet`): the CSP above, HSTS (honoured by browsers
 * only over HTTPS, i.e. behind the TLS proxy), nosniff, no referrer, no framing, same-origin
 * opener and resource policies.
 */
export const securityHeadersPlugin = fp(async (app: FastifyInstance) => {
  await app.register(helmet, {
    contentSecurityPolicy,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
});
