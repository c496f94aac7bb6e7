import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import type { ComplaintActor } from '../../domain/complaint';
import type { complaintWorkflow } from '../../workflows/complaint';
import {
  type ComplaintRequest,
  complaintCommandUpdate,
  complaintStreamId,
  complaintWorkflowId,
} from '../../workflows/complaint-messages';
import { recordHistory } from '../support/histories';
import { useTestStack } from '../support/stack';

/**
 * Issue 20 item 5 on the time-skipping server: a complaint about an organisation DIM never knew,
 * its acknowledgement deadline missed (staff are told), then acknowledged, investigated by someone
 * uninvolved, decided with a suspension that finds no case to act on, answered and closed.
 */
describe('a complaint’s own workflow', () => {
  const stack = useTestStack({ temporal: 'time-skipping' });
  const staff: ComplaintActor = { id: randomUUID(), role: 'staff' };
  const investigator: ComplaintActor = { id: randomUUID(), role: 'staff' };
  const involved = randomUUID();

  it('received → deadline missed → acknowledged → investigated → decided → answered → closed', async () => {
    const complaintId = randomUUID();
    const workflowId = complaintWorkflowId(complaintId);
    const { client, taskQueue, clock } = stack.temporal;
    const handle = client.workflow.getHandle<typeof complaintWorkflow>(workflowId);
    const step = (actor: ComplaintActor, command: ComplaintRequest['command']) =>
      handle.executeUpdate(complaintCommandUpdate, { args: [{ command, actor }] });
    const rejection = (actor: ComplaintActor, command: ComplaintRequest['command']) =>
      step(actor, command).then(
        () => 'accepted',
        (error) =>
          error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure
            ? error.cause.type
            : Promise.reject(error),
      );
    const eventTypes = async () =>
      (
        await stack.db
          .selectFrom('events')
          .select('event_type')
          .where('stream_id', '=', complaintStreamId(complaintId))
          .orderBy('stream_version')
          .execute()
      ).map((event) => event.event_type);

    const lodged = await client.workflow.executeUpdateWithStart(complaintCommandUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation<typeof complaintWorkflow>('complaintWorkflow', {
        workflowId,
        taskQueue,
        args: [{ complaintId }],
        workflowIdConflictPolicy: 'FAIL',
      }),
      args: [
        {
          actor: { id: 'public', role: 'public' },
          command: {
            type: 'LodgeComplaint',
            data: {
              complaintId,
              complainantId: randomUUID(),
              text: 'Das Zeichen wird auf der Website geführt.',
              subject: {
                organisationId: null,
                accreditationId: null,
                certificateNumber: null,
                organisationName: 'Nie Gehört GmbH',
              },
              channel: 'public',
              acknowledgementDeadline: { minutes: 5 },
            },
          },
        },
      ],
    });
    expect(lodged).toMatchObject({ eventTypes: ['ComplaintLodged'], status: 'received' });

    await clock?.sleep(6 * 60_000);
    for (let tries = 0; !(await eventTypes()).includes('ComplaintAcknowledgementMissed'); tries++) {
      if (tries > 300) throw new Error(`No missed acknowledgement: ${(await eventTypes()).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    expect(await step(staff, { type: 'AcknowledgeComplaint', data: {} })).toMatchObject({
      status: 'acknowledged',
    });
    const appoint = (investigatorId: string): ComplaintRequest['command'] => ({
      type: 'AppointComplaintInvestigator',
      data: { investigatorId, involvedPeople: [involved] },
    });
    expect(await rejection(staff, appoint(involved))).toBe('investigator_not_independent');
    expect(await rejection(investigator, { type: 'AcknowledgeComplaint', data: {} })).toBe(
      'invalid_transition',
    );
    await step(staff, appoint(investigator.id));
    const resolve = {
      type: 'ResolveComplaint',
      data: { outcome: 'upheld', reasons: 'Zeichen ohne Akkreditierung geführt.', followUp: 'suspension' },
    } as const;
    expect(await rejection(staff, resolve)).toBe('not_authorised');
    expect(await step(investigator, resolve)).toMatchObject({
      eventTypes: ['ComplaintResolved'],
      status: 'decided',
    });
    await step(staff, { type: 'AnswerComplainant', data: {} });
    await step(staff, { type: 'ConcludeComplaint', data: {} });

    const closed = await handle.result();
    expect(closed).toMatchObject({ status: 'closed', followUpStatus: 'no_running_case' });
    expect(await eventTypes()).toEqual([
      'ComplaintLodged',
      'ComplaintAcknowledgementMissed',
      'ComplaintAcknowledgedToComplainant',
      'ComplaintInvestigatorAppointed',
      'ComplaintResolved',
      'ComplaintFollowUpRecorded',
      'ComplaintAnsweredToComplainant',
      'ComplaintConcluded',
    ]);
    const notified = await stack.db
      .selectFrom('notifications')
      .select(['kind', 'recipient_role'])
      .where('stream_id', '=', complaintStreamId(complaintId))
      .orderBy('global_position')
      .execute();
    expect(notified.map(({ kind }) => kind)).toContain('complaint_acknowledgement_missed');
    await recordHistory('complaint', handle);
  });
});
