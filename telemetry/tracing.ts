/**
 * Traces: OpenTelemetry from the HTTP request (api/request-telemetry.ts) through the Temporal
 * client, the workflow and its activities (`@temporalio/interceptors-opentelemetry`). On when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set (spans go there by OTLP/HTTP, protobuf), off otherwise:
 * then no interceptor is installed and the workflow bundle carries no tracing code.
 */
import { createRequire } from 'node:module';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { WorkflowClientInterceptor } from '@temporalio/client';
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
 * standard `OTEL_EXPORTER_OTLP_*` variables (endpoint, headers, timeout) itself. The SDK is loaded
 * only then: loading it takes most of a second.
 */
export async function startTracing(
  serviceName: string,
  options: { otlpEndpoint?: string; spanProcessor?: SpanProcessor },
): Promise<Tracing> {
  if (!options.otlpEndpoint && !options.spanProcessor) return off;
  const [{ AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }, { Resource }, sdk, temporal] =
    await Promise.all([
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/core'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/sdk-trace-base'),
      import('@temporalio/interceptors-opentelemetry'),
    ]);
  const spanProcessor =
    options.spanProcessor ??
    new sdk.BatchSpanProcessor(
      new (await import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter(),
    );
  const resource = new Resource({ 'service.name': serviceName });
  const provider = new sdk.BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register({
    contextManager: new AsyncLocalStorageContextManager().enable(),
    propagator: new W3CTraceContextPropagator(),
  });
  return {
    enabled: true,
    clientInterceptors: [new temporal.OpenTelemetryWorkflowClientInterceptor()],
    workerOptions: {
      interceptors: {
        activity: [
          (ctx) => ({
            inbound: new temporal.OpenTelemetryActivityInboundInterceptor(ctx),
            outbound: new temporal.OpenTelemetryActivityOutboundInterceptor(ctx),
          }),
        ],
      },
      sinks: { exporter: temporal.makeWorkflowExporter(spanProcessor, resource) },
    },
    shutdown: () => provider.shutdown(),
  };
}
