import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import type { PolicyInput } from '../../domain/policy-schema';
import { recordHistory } from '../support/histories';
import { useTestStack } from '../support/stack';
import { testDataConverter } from '../support/step-signing';

/** The standard's periods (nothing falls due during the test) but a one-second objection window. */
const quiet: PolicyInput = { auditorObjectionWindow: { seconds: 1 } };

const sha256 = (char: string) => char.repeat(64);

/** The ids of the patches a history's markers record. */
function patchesOf(history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>): string[] {
  return (history.events ?? []).flatMap((event) => {
    const marker = event.markerRecordedEventAttributes;
    const payload =
      marker?.markerName === 'core_patch' ? marker.details?.['patch-data']?.payloads?.[0] : undefined;
    return payload ? [defaultPayloadConverter.fromPayload<{ id: string }>(payload).id] : [];
  });
}

/**
 * A decision records the dossier it was taken on (behind `patched('decision-dossier')`), and only
 * on the case as it stands. The case runs on the current code from its opening: rule set 2 (its
 * patch marker comes first), and the dossier's marker only at the decision. With
 * RECORD_HISTORIES=1 it is kept as the golden history `decision-dossier`.
 */
describe('the decision dossier in the workflow', () => {
  const stack = useTestStack();
  const driver = () => stack.driver();

  it('refuses a decision on an outdated dossier, records the current one in the event', async () => {
    const accreditation = driver();
    await accreditation.toAwaitingDecision(quiet);
    const { decisionMaker } = accreditation.cast;
    const version = (await accreditation.state()).version;
    const before = await accreditation.eventCount();

    const outdated = { sha256: sha256('a'), version: version - 1 };
    expect(await accreditation.rejection(decisionMaker, { type: 'Grant', data: { dossier: outdated } })).toBe(
      'dossier_outdated',
    );
    expect(await accreditation.eventCount()).toBe(before);
    // A refused update leaves nothing in the history; so far nothing of this release's patch either.
    expect(patchesOf(await accreditation.handle().fetchHistory())).not.toContain('decision-dossier');

    const dossier = { sha256: sha256('b'), version };
    const granted = await accreditation.step(decisionMaker, { type: 'Grant', data: { dossier } });
    expect(granted).toMatchObject({ status: 'accredited', eventTypes: ['AccreditationGranted'] });
    expect((await accreditation.events()).at(-1)).toMatchObject({
      event_type: 'AccreditationGranted',
      data: { dossier, decidedBy: decisionMaker.id },
    });

    // The history, patch marker and all, replays on the current code.
    const recorded = await accreditation.handle().fetchHistory();
    const patches = patchesOf(recorded);
    expect([patches[0], patches.at(-1)]).toEqual(['rule-set-2', 'decision-dossier']);
    await Worker.runReplayHistory(
      {
        workflowBundle: { code: inject('workflowBundleCode') },
        replayName: 'dossier',
        dataConverter: testDataConverter,
      },
      recorded,
      accreditation.workflowId,
    );
    await recordHistory('decision-dossier', accreditation.handle());
  });

  it('records the dossier of a refusal; a decision without one is taken as before', async () => {
    const refused = driver();
    await refused.toAwaitingDecision(quiet);
    const version = (await refused.state()).version;
    const dossier = { sha256: sha256('c'), version };
    const reasons = ['Die Nachweise zur IT-Sicherheit fehlen.'];
    await refused.step(refused.cast.decisionMaker, { type: 'Refuse', data: { reasons, dossier } });
    expect(
      (await refused.events()).find((event) => event.event_type === 'AccreditationRefused'),
    ).toMatchObject({
      event_type: 'AccreditationRefused',
      data: { reasons, dossier },
    });

    const plain = driver();
    await plain.toAwaitingDecision(quiet);
    await plain.step(plain.cast.decisionMaker, { type: 'Grant', data: {} });
    const [last] = (await plain.events()).slice(-1);
    expect(last?.event_type).toBe('AccreditationGranted');
    expect(last?.data).not.toHaveProperty('dossier');
  });
});
