import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '../../telemetry/tracing';
import { buildWorkflowBundle } from '../../worker/bundle';
import { createTestUser } from '../fixtures/users';
import { eventually, organisationBody } from '../support/api-harness';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { type OpsStack, startOpsStack } from './stack';

/**
 * One request's spans, from the HTTP request through the Temporal client, the workflow and its
 * local activity, share one trace id: the real API, a worker running the traced workflow bundle,
 * the dev server, PostgreSQL; spans collected in memory instead of sent by OTLP.
 */
describe('traces', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let database: TestDatabase;
  let stack: OpsStack;
  let baseUrl: string;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    tracing = await startTracing('dim-test', { spanProcessor: new SimpleSpanProcessor(exporter) });
    database = await createTestDatabase();
    stack = await startOpsStack(database.db, {
      workflowBundleCode: await buildWorkflowBundle(true),
      tracing,
    });
    baseUrl = stack.baseUrl;
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await database?.drop();
    await tracing?.shutdown();
  });

  const spansOf = (traceId: string) =>
    exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const named = (spans: ReadableSpan[], name: string) => spans.filter((span) => span.name === name);

  it('follows an opening from the HTTP request into the workflow and its activity', async () => {
    const staff = await createTestUser(database.db, 'staff');
    const response = await fetch(`${baseUrl}/accreditations`, {
      method: 'POST',
      headers: { ...staff.headers, 'content-type': 'application/json' },
      body: JSON.stringify(organisationBody('Spurensuche GmbH')),
    });
    expect(response.status).toBe(201);

    const http = await eventually(
      async () => named(exporter.getFinishedSpans(), 'POST /accreditations'),
      (spans) => spans.length === 1,
    );
    const traceId = http[0]?.spanContext().traceId ?? '';
    const expected = [
      'POST /accreditations',
      'UpdateWithStartWorkflow:command',
      'ValidateUpdate:command',
      'HandleUpdate:command',
      'StartActivity:appendEvents',
      'RunActivity:appendEvents',
    ];
    const spans = await eventually(
      async () => spansOf(traceId),
      (found) => expected.every((name) => named(found, name).length > 0),
    );
    const names = spans.map((span) => span.name);
    for (const name of expected) expect(names).toContain(name);
    // The HTTP span is the root; every other span of the opening descends from it. (The workflow's
    // own span, RunWorkflow, ends with the workflow, years later.)
    expect(http[0]?.parentSpanId).toBeUndefined();
    const ids = new Set(spans.map((span) => span.spanContext().spanId));
    for (const span of spans)
      if (span !== http[0]) expect(ids.has(span.parentSpanId ?? ''), span.name).toBe(true);
  });

  it('continues the caller’s trace (W3C traceparent) through a step', async () => {
    const staff = await createTestUser(database.db, 'staff');
    const opened = await fetch(`${baseUrl}/accreditations`, {
      method: 'POST',
      headers: { ...staff.headers, 'content-type': 'application/json' },
      body: JSON.stringify(organisationBody('Fortsetzung GmbH')),
    });
    const { id } = (await opened.json()) as { id: string };
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const step = await fetch(`${baseUrl}/accreditations/${id}/case-manager`, {
      method: 'POST',
      headers: {
        ...staff.headers,
        'content-type': 'application/json',
        traceparent: `00-${callerTrace}-00f067aa0ba902b7-01`,
      },
      // Another case manager: a step that would change nothing records nothing (rule set 2), and appends nothing.
      body: JSON.stringify({ caseManagerId: (await createTestUser(database.db, 'staff')).id }),
    });
    expect(step.status, await step.clone().text()).toBe(200);
    const spans = await eventually(
      async () => spansOf(callerTrace),
      (found) =>
        ['StartWorkflowUpdate:command', 'HandleUpdate:command', 'RunActivity:appendEvents'].every(
          (name) => named(found, name).length > 0,
        ),
    );
    const http = named(spans, 'POST /accreditations/:id/case-manager');
    expect(http).toHaveLength(1);
    expect(http[0]?.parentSpanId).toBe('00f067aa0ba902b7');
  });
});
