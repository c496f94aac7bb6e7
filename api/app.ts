import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, LogController } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { defaultSignInLimits } from '../db/sign-in-limits';
import { mediaTypes } from '../domain/media-types';
import { authPlugin } from './auth';
import type { ApiDependencies, ApiInput } from './dependencies';
import { healthRoutes } from './health';
import { httpProtocolPlugin, maxUrlLength } from './http-protocol';
import { sweepExpiredIdempotencyKeys } from './idempotency';
import { finishDocument } from './openapi';
import { isOutage, outageRetryAfterSeconds } from './outages';
import { ProblemError, type ProblemKind, problem, sendProblem } from './problems';
import { defaultPublicRateLimits, rateLimitPlugin } from './rate-limits';
import { requestTelemetry } from './request-telemetry';
import { accreditationRoutes } from './routes/accreditations';
import { authRoutes } from './routes/auth';
import { calendarRoutes } from './routes/calendar';
import { caseFileRoutes } from './routes/case-file';
import { catalogueRoutes } from './routes/catalogue';
import { certificateRoutes } from './routes/certificates';
import { competenceRoutes } from './routes/competences';
import { complainantRoutes } from './routes/complainants';
import { complaintRoutes } from './routes/complaints';
import { complianceRoutes } from './routes/compliance';
import { dashboardRoutes } from './routes/dashboard';
import { decisionDossierRoutes } from './routes/decision-dossier';
import { decisionQueueRoutes } from './routes/decision-queue';
import { Base64Upload, documentRoutes } from './routes/documents';
import { notificationRoutes } from './routes/notifications';
import { organisationRoutes } from './routes/organisations';
import { peopleRoutes } from './routes/people';
import { registerRoutes } from './routes/register';
import { stepRoutesPlugin } from './routes/steps';
import { taskRoutes } from './routes/tasks';
import { userRoutes } from './routes/users';
import { securityHeadersPlugin } from './security-headers';
import { csrfHeader, defaultSessionConfig, sessionCookie } from './session';
import { loadWebApplication, navigationRewrite, webApplicationPlugin } from './web-app';

/**
 * A field error's stable terms beside the validator's English words, so a client can say it in its
 * own language: the issue's `code` (`too_big`, `too_small`, `invalid_type`, `invalid_format`, …),
 * for a size its `limit` and what it counts (`origin`: `string` characters, `array` entries), for a
 * format which one (`format`: `email`, `regex`, `date`, …).
 */
function issueTerms(issue: { keyword: string; params: Record<string, unknown> }) {
  const { maximum, minimum, origin, format } = issue.params;
  const limit = issue.keyword === 'too_big' ? maximum : issue.keyword === 'too_small' ? minimum : undefined;
  return {
    code: issue.keyword,
    ...(typeof limit === 'number' ? { limit } : {}),
    ...(typeof origin === 'string' ? { origin } : {}),
    ...(issue.keyword === 'invalid_format' && typeof format === 'string' ? { format } : {}),
  };
}

/** Fastify's own 4xx errors, by status, as stable problem types. */
const problemByStatus: Record<number, ProblemKind> = {
  401: 'unauthorised',
  403: 'forbidden',
  404: 'notFound',
  405: 'methodNotAllowed',
  413: 'payloadTooLarge',
  414: 'uriTooLong',
  415: 'unsupportedMediaType',
  429: 'rateLimited',
};

/** The path of the first string (or key) holding a NUL character, if any. */
function findNul(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return childPath;
    const found = findNul(child, childPath);
    if (found) return found;
  }
  return undefined;
}

const hopsTrusted = (hops: number) => (_address: string, hop: number) => hop < hops;

export async function buildApp(input: ApiInput) {
  const deps: ApiDependencies = {
    ...input,
    documents: input.documents ?? { kind: 'database' },
    sessions: { ...defaultSessionConfig, ...input.sessions },
    signInLimits: input.signInLimits ?? defaultSignInLimits,
    publicRateLimits: { ...defaultPublicRateLimits, ...input.publicRateLimits },
  };
  const web = deps.webRoot ? loadWebApplication(deps.webRoot) : undefined;
  const app = Fastify({
    loggerInstance: deps.logger || undefined,
    ...(web ? { rewriteUrl: navigationRewrite(web) } : {}),
    bodyLimit: 1024 * 1024,
    // A parameter as long as the URL may be reaches its route, whose schema refuses it (400).
    routerOptions: { maxParamLength: maxUrlLength },
    // A number is a count of proxy hops (Caddy in front of the API: 1).
    trustProxy:
      typeof deps.trustProxy === 'number' ? hopsTrusted(deps.trustProxy) : (deps.trustProxy ?? false),
    // One line per request instead of two: api/request-telemetry.ts.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // PostgreSQL text cannot hold NUL: refuse it rather than fail in the database. After validation,
  // so that only what the route keeps is looked at (an unknown field is dropped, NUL or not).
  app.addHook('preHandler', async (request) => {
    const body = Buffer.isBuffer(request.body) ? undefined : request.body;
    const field = findNul({ querystring: request.query, params: request.params, body });
    if (field) {
      throw new ProblemError(
        problem('validation', `Invalid value for ${field}`, {
          errors: [{ field, message: 'NUL characters are not accepted' }],
        }),
      );
    }
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((issue) => ({
        field: `${error.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`,
        message: issue.message,
        ...issueTerms(issue),
      }));
      const fields = errors.map((e) => e.field).join(', ');
      return sendProblem(reply, problem('validation', `Invalid value for ${fields}`, { errors }));
    }
    if (error instanceof ProblemError) return sendProblem(reply, error.problem);
    if (isOutage(error)) {
      request.log.warn({ err: error }, 'request met an outage');
      reply.header('retry-after', String(outageRetryAfterSeconds));
      return sendProblem(
        reply,
        problem('unavailable', 'The service is briefly unavailable; try again shortly.'),
      );
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      const kind = problemByStatus[error.statusCode] ?? 'validation';
      return sendProblem(reply, problem(kind, error.message, error.code ? { code: error.code } : {}));
    }
    request.log.error({ err: error }, 'request failed');
    return sendProblem(
      reply,
      problem('internal', 'The request could not be completed.', { requestId: request.id }),
    );
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'DIM 1002:2024 accreditation engine',
        description:
          'Accreditations of IT and service organisations under DIM 1002:2024. Every error is ' +
          'application/problem+json (RFC 9457) with a stable `type`; rejected steps carry a `code`.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token (CLI, automation)' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: sessionCookie,
            description: 'The session of a signed-in person (POST /auth/sign-in)',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: csrfHeader,
            description: 'The csrfToken of the session; required with the session cookie on every write',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(requestTelemetry, { metrics: deps.metrics });
  await app.register(httpProtocolPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(rateLimitPlugin);
  await app.register(authPlugin, { db: deps.db, rateLimit: deps.credentialLimits, sessions: deps.sessions });
  await app.register(webApplicationPlugin, { web });
  let openapi: ReturnType<typeof app.swagger> | undefined;
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => {
    openapi ??= finishDocument(app.swagger(), [
      {
        path: '/documents',
        mediaTypes,
        jsonSchema: (({ $schema, ...schema }) => schema)(
          z.toJSONSchema(Base64Upload, { target: 'draft-2020-12', io: 'input' }),
        ),
      },
    ]);
    return openapi;
  });
  await app.register(healthRoutes, deps);

  await app.register(authRoutes, deps);
  await app.register(accreditationRoutes, deps);
  await app.register(caseFileRoutes, deps);
  await app.register(catalogueRoutes, deps);
  await app.register(calendarRoutes, deps);
  await app.register(decisionDossierRoutes, deps);
  await app.register(stepRoutesPlugin, deps);
  await app.register(taskRoutes, deps);
  await app.register(registerRoutes, deps);
  await app.register(certificateRoutes, deps);
  await app.register(userRoutes, deps);
  await app.register(peopleRoutes, deps);
  await app.register(competenceRoutes, deps);
  await app.register(documentRoutes, deps);
  await app.register(notificationRoutes, deps);
  await app.register(dashboardRoutes, deps);
  await app.register(decisionQueueRoutes, deps);
  await app.register(complianceRoutes, deps);
  await app.register(complaintRoutes, deps);
  await app.register(complainantRoutes, deps);
  await app.register(organisationRoutes, deps);
  sweepExpiredIdempotencyKeys(app, deps);
  return app;
}
