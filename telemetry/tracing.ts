/**
 * Traces: OpenTelemetry from the HTTP request (api/request-telemetry.ts) through the Temporal
 * client, the workflow and its activities (`@temporalio/interceptors-opentelemetry`). On when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set (spans go there by OTLP/HTTP, protobuf), off otherwise:
 * then no interceptor is installed and the workflow bundle carries no tracing code.
 */
import { createRequire } from 'node:module';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkerOptions } from '@temporalio/worker';

/** The workflow interceptors; a bundle built with this module makes workflow spans. */
export const workflowTracingModule = createRequire(import.meta.url).resolve(
  '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors',
);

export interface Tracing {
  enabled: boolean;
  /** For the Temporal `Client`: a span per start / update, its context passed on in headers. */
  clientInterceptors: WorkflowClientInterceptor[];
  /** For the worker: activity spans, and the sink that exports the workflow's spans. */
  workerOptions: Pick<WorkerOptions, 'interceptors' | 'sinks'>;
  /** Exports what is buffered. */
  shutdown(): Promise<void>;
}

const off: Tracing = {
  enabled: false,
  clientInterceptors: [],
  workerOptions: {},
  shutdown: async () => {},
};

/**
 * Installs the process's tracer provider (once per process) when an OTLP endpoint is given, or a
 * span processor of the caller's (tests: an in-memory exporter). The OTLP exporter reads the
 * standard `OTEL_EXPORTER_OTLP_*` variables (endpoint, headers, timeout) itself.
 */
export function startTracing(
  serviceName: string,
  options: { otlpEndpoint?: string; spanProcessor?: SpanProcessor },
): Tracing {
  if (!options.otlpEndpoint && !options.spanProcessor) return off;
  const spanProcessor = options.spanProcessor ?? new BatchSpanProcessor(new OTLPTraceExporter());
  const resource = new Resource({ 'service.name': serviceName });
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register({
    contextManager: new AsyncLocalStorageContextManager().enable(),
    propagator: new W3CTraceContextPropagator(),
  });
  return {
    enabled: true,
    clientInterceptors: [new OpenTelemetryWorkflowClientInterceptor()],
    workerOptions: {
      interceptors: {
        activity: [
          (ctx) => ({
            inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
            outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
          }),
        ],
      },
      sinks: { exporter: makeWorkflowExporter(spanProcessor, resource) },
    },
    shutdown: () => provider.shutdown(),
  };
}
