import { describe, expect, it } from 'vitest';
import { toCommandRequest } from '../../api/workflow-client';
import { createEventStore } from '../../db/event-store';
import { inlineProjections } from '../../db/projections/index';
import { commandUpdate } from '../../workflows/messages';
import { completeApplication } from '../fixtures/application';
import type { CaseDriver } from '../support/case-driver';
import { useTestStack } from '../support/stack';

/**
 * A step's events are appended by a local activity before its workflow task completes. When that
 * task is lost after the append (worker crash, cache eviction), the retried task may decide another
 * step first at the same stream version (an update admitted meanwhile, a timer). The store is the
 * truth: the workflow folds what an earlier attempt stored and decides again, and a step whose own
 * events were stored is answered as it was. These tests recreate what a lost task leaves behind.
 */
describe('event store and workflow state stay the same after a lost workflow task', () => {
  const stack = useTestStack();

  const leftOver = (
    accreditation: CaseDriver,
    version: number,
    causationId: string,
    event: { type: string; data: unknown },
  ) =>
    createEventStore({ db: stack.db, projections: inlineProjections }).appendToStream(
      accreditation.streamId,
      version,
      [
        {
          ...event,
          metadata: { causationId },
          businessTime: new Date().toISOString(),
          idempotencyKey: `${accreditation.streamId}/${causationId}/0`,
        },
      ],
    );

  it('folds events another step stored at the same version, then takes the step on top of them', async () => {
    const accreditation = stack.driver();
    await accreditation.open();
    const version = await accreditation.eventCount();
    await leftOver(accreditation, version, 'update:lost-reassignment', {
      type: 'CaseManagerAssigned',
      data: { caseManagerId: 'staff-from-the-lost-task' },
    });

    const outcome = await accreditation.step(accreditation.cast.applicant, {
      type: 'SubmitApplication',
      data: { items: completeApplication },
    });

    expect(await accreditation.eventTypes()).toEqual([
      'AccreditationOpened',
      'CaseManagerAssigned',
      'ApplicationSubmitted',
    ]);
    expect(outcome).toMatchObject({ version: 3, eventTypes: ['ApplicationSubmitted'] });
    const live = await accreditation.state();
    expect(live.version).toBe(3);
    expect(live.state).toMatchObject({
      caseManagerId: 'staff-from-the-lost-task',
      status: 'application_review',
    });
  });

  it('answers a redelivered step whose events the lost attempt stored, without deciding it twice', async () => {
    const accreditation = stack.driver();
    await accreditation.open();
    const version = await accreditation.eventCount();
    const updateId = 'application-retried-by-the-client';
    const submittedAt = new Date().toISOString();
    await leftOver(accreditation, version, `update:${updateId}`, {
      type: 'ApplicationSubmitted',
      data: { items: completeApplication, submittedAt },
    });
    // Another step first makes the workflow meet the stored events at a conflicting version.
    await accreditation.step(accreditation.cast.caseManager, {
      type: 'AssignCaseManager',
      data: { caseManagerId: 'staff-new' },
    });

    // The state no longer allows a submission, yet this one is answered as done, from the store.
    const redelivered = await accreditation.handle().executeUpdate(commandUpdate, {
      updateId,
      args: [
        toCommandRequest({
          actor: accreditation.cast.applicant,
          command: { type: 'SubmitApplication', data: { items: completeApplication } },
        }),
      ],
    });

    expect(redelivered).toMatchObject({ version: 2, eventTypes: ['ApplicationSubmitted'] });
    expect(await accreditation.eventTypes()).toEqual([
      'AccreditationOpened',
      'ApplicationSubmitted',
      'CaseManagerAssigned',
    ]);
    expect((await accreditation.state()).state).toMatchObject({ caseManagerId: 'staff-new' });
  });
});
