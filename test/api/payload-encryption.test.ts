import { randomUUID } from 'node:crypto';
import protos from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { accreditationWorkflowId } from '../../workflows/messages';
import { inDocumentReview } from '../support/awaiting-decision';
import { useTestStack } from '../support/stack';
import { testPayloadKeys } from '../support/step-signing';

/**
 * Issue 22: what Temporal stores of a case — its history and its search attributes — holds no
 * organisation name and no free-text answer (payloads encrypted by config/payload-encryption.ts,
 * the organisation named by its id), while the API, which holds the key, shows both.
 */
describe('personal data in Temporal', () => {
  const api = useTestStack({ api: true });

  it('is encrypted in the history and absent from the search attributes', async () => {
    const staff = await api.user('staff');
    const auditor = await api.user('auditor');
    const name = `Verschlüsselt Beispiel ${randomUUID().slice(0, 8)} GmbH`;
    const { id } = await inDocumentReview(api, staff, auditor, name);
    const answer = 'Dargelegt im Antrag (APP-1).';

    const shown = await api.call(staff, 'GET', `/accreditations/${id}`);
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).toContain(name);
    const file = await api.call(staff, 'GET', `/accreditations/${id}/file`);
    expect(JSON.stringify(file.body)).toContain(answer);

    const workflowId = accreditationWorkflowId(id);
    const raw = await api.temporal.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId },
    });
    const stored = Buffer.from(
      protos.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse.encode(raw).finish(),
    );
    expect(raw.history?.events?.length).toBeGreaterThan(5);
    expect(stored.includes(Buffer.from(testPayloadKeys.current.id))).toBe(true);
    expect(stored.includes(Buffer.from(name))).toBe(false);
    expect(stored.includes(Buffer.from(answer))).toBe(false);

    const described = await api.temporal.client.workflowService.describeWorkflowExecution({
      namespace: 'default',
      execution: { workflowId },
    });
    const visible = Buffer.from(
      protos.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse.encode(described).finish(),
    );
    expect(visible.includes(Buffer.from(String(shown.body.organisation.id)))).toBe(true);
    expect(visible.includes(Buffer.from(name))).toBe(false);
  });
});
