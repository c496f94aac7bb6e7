import { expect } from 'vitest';
import type { TestUser } from '../fixtures/users';
import { awaitingDecision } from './awaiting-decision';
import type { TestStack } from './stack';

/** A case taken to its decision and refused: the organisation is known, its case has ended. */
export async function refusedCase(
  api: TestStack,
  staff: TestUser,
  auditor: TestUser,
  decisionMaker: TestUser,
  name: string,
): Promise<{ id: string }> {
  const { id } = await awaitingDecision(api, staff, auditor, name);
  for (const [path, body] of [
    ['decision-maker/take', {}],
    ['refuse', { reasons: ['Anforderungen nicht erfüllt'] }],
  ] as const) {
    const response = await api.call(decisionMaker, 'POST', `/accreditations/${id}/${path}`, body);
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
  }
  return { id };
}
