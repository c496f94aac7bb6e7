/**
 * Per request: a server span (the root of the trace that the Temporal client, the workflow and its
 * activities continue; a no-op when tracing is off), its latency in the metrics, and one log line.
 */
import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiMetrics } from './metrics';

declare module 'fastify' {
  interface FastifyRequest {
    telemetry: { span: Span; context: Context; startedAt: bigint } | null;
  }
}

const tracer = trace.getTracer('dim-api');

/** The route's pattern (`/accreditations/:id`), so that labels and span names stay few. */
const routeOf = (url: string | undefined) => url ?? 'unmatched';

export const requestTelemetry = fp(async (app: FastifyInstance, { metrics }: { metrics?: ApiMetrics }) => {
  app.decorateRequest('telemetry', null);

  app.addHook('onRequest', (request, _reply, done) => {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const route = routeOf(request.routeOptions.url);
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        // The path only: a query may carry a one-time token (invitation and reset links).
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          'url.path': request.url.split('?')[0],
        },
      },
      parent,
    );
    const spanContext = trace.setSpan(parent, span);
    request.telemetry = { span, context: spanContext, startedAt: process.hrtime.bigint() };
    context.with(spanContext, done);
  });

  // The body is parsed on the socket's events, outside the context entered above: enter it again
  // for the handler, so that the Temporal client's spans become children of this one.
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.telemetry) context.with(request.telemetry.context, done);
    else done();
  });

  app.addHook('onResponse', async (request, reply) => {
    if (!request.telemetry) return;
    const { span, startedAt } = request.telemetry;
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    const route = routeOf(request.routeOptions.url);
    span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    const traceId = span.isRecording() ? span.spanContext().traceId : undefined;
    span.end();
    metrics?.observeRequest({ method: request.method, route, status: reply.statusCode }, seconds);
    // Probes call the health routes every few seconds: their lines only at debug.
    const level = route.startsWith('/health/') ? 'debug' : 'info';
    // `req` goes through the logger's serializer, which keeps secrets out (config/logger.ts).
    request.log[level](
      { req: request, status: reply.statusCode, ms: Math.round(seconds * 1000), traceId },
      'request',
    );
  });
});
