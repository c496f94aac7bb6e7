import type { IncomingMessage } from 'node:http';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { problemResponses } from './openapi';
import { ProblemError, problem, sendProblem } from './problems';

/** Longer URLs are answered 414 (Node itself answers 431 beyond its 16 KB header limit). */
export const maxUrlLength = 8 * 1024;

/** How long the rest of a body too large is read before the 413 goes out anyway. */
const drainLimitMs = 15_000;

function drain(body: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, drainLimitMs);
    function done() {
      clearTimeout(timer);
      resolve();
    }
    body.once('end', done).once('close', done).once('error', done);
    body.resume();
  });
}

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH']);

interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

/** `/accreditations/:id/complaints` → a pattern matching the concrete paths of the route. */
function pathPattern(url: string): RegExp {
  const segments = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}/?$`);
}

/**
 * What HTTP asks of every route beyond its own schema, and the OpenAPI document saying so:
 * - a body over the limit is answered 413 once it is read to its end (closing the connection with
 *   the body unread resets a client that sends all before it reads, as most do);
 * - a URL longer than `maxUrlLength` is 414;
 * - a method a known path does not take is 405 with `Allow` (an unknown path stays 404);
 * - every documented route lists 413 (when it takes a body), 414 and 429 (failed authentications
 *   are limited on every route).
 */
export const httpProtocolPlugin: FastifyPluginAsync = fp(async (app) => {
  const known = new Map<string, KnownPath>();

  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = [route.method].flat().map((method) => method.toUpperCase());
    if (!route.url.includes('*')) {
      const path = known.get(route.url) ?? { pattern: pathPattern(route.url), methods: new Set() };
      for (const method of methods) path.methods.add(method);
      if (path.methods.has('GET')) path.methods.add('HEAD');
      known.set(route.url, path);
    }
    if (!route.schema || route.schema.hide) return;
    const statuses = [414, 429, ...(methods.some((method) => methodsWithBody.has(method)) ? [413] : [])];
    route.schema.response = { ...problemResponses(...statuses), ...(route.schema.response as object) };
  });

  app.addHook('onRequest', async (request) => {
    if (request.url.length > maxUrlLength) {
      throw new ProblemError(
        problem('uriTooLong', `URLs of up to ${maxUrlLength} characters are accepted.`, {
          code: 'uri_too_long',
        }),
      );
    }
  });

  app.addHook('onSend', async (request, reply) => {
    if (reply.statusCode !== 413 || request.raw.complete) return;
    // Fastify would close the connection on the unread rest of the body, which resets a client
    // still sending it: the rest is read and discarded first (for at most `drainLimitMs`).
    reply.removeHeader('connection');
    await drain(request.raw);
  });

  // A request no route matches is answered before its body is parsed: Fastify would otherwise
  // refuse a QUERY without Content-Type (400) or a malformed Content-Type (415) first. Not in
  // onRequest: the security headers' hook (registered later) must have run.
  app.addHook('preParsing', async (request, reply, payload) => {
    if (!request.is404) return payload;
    answerUnrouted(known, request, reply);
    return reply;
  });
  app.setNotFoundHandler((request, reply) => answerUnrouted(known, request, reply));
});

/** 405 with `Allow` for a method a known path does not take; 404 for an unknown path. */
function answerUnrouted(known: Map<string, KnownPath>, request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0] ?? '/';
  const allowed = new Set<string>();
  for (const { pattern, methods } of known.values()) {
    if (pattern.test(path)) for (const method of methods) allowed.add(method);
  }
  if (allowed.size === 0) {
    return sendProblem(reply, problem('notFound', `No route ${request.method} ${path}`));
  }
  const allow = [...allowed].sort().join(', ');
  reply.header('allow', allow);
  return sendProblem(
    reply,
    problem('methodNotAllowed', `${path} takes ${allow}, not ${request.method}.`, {
      code: 'method_not_allowed',
    }),
  );
}
