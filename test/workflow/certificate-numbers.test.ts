import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drawCertificateNumber } from '../../api/step-preconditions';
import { certificateNumberFrom } from '../../domain/certificate-number';
import type { StepCommandInput } from '../../domain/commands';
import type { CaseDriver } from '../support/case-driver';
import { quietPolicy } from '../support/policies';
import { useTestStack } from '../support/stack';

/**
 * Issue 20: a certificate number is unique, enforced by the database (`certificate_numbers`, its
 * key, written in the grant's append transaction). A grant whose number another case holds is
 * refused with `certificate_number_taken` and writes nothing: no event, no register row, no mail.
 */
describe('unique certificate numbers', () => {
  const stack = useTestStack();

  async function awaitingDecision(count: number): Promise<CaseDriver[]> {
    const drivers = Array.from({ length: count }, () => stack.driver());
    await Promise.all(drivers.map((driver) => driver.toAwaitingDecision(quietPolicy)));
    return drivers;
  }

  const grantWith = (certificateNumber?: string): StepCommandInput => ({
    type: 'Grant',
    data: certificateNumber ? { certificateNumber } : {},
  });

  const register = (certificateNumber: string) =>
    stack.db
      .selectFrom('certificates')
      .selectAll()
      .where('certificate_number', '=', certificateNumber)
      .execute();
  const notifications = (driver: CaseDriver) =>
    stack.db.selectFrom('notifications').select('kind').where('stream_id', '=', driver.streamId).execute();

  it('refuse a grant whose number another case holds, with nothing written; the case can be granted again', async () => {
    const [first, second] = (await awaitingDecision(2)) as [CaseDriver, CaseDriver];
    await first.step(first.cast.decisionMaker, grantWith());
    const held = (await first.state()).state;
    const number = held.status === 'none' ? '' : (held.certificate?.certificateNumber ?? '');
    expect(number).toMatch(/^DIM1002-\d{4}-[0-9A-Z]{8}$/);

    const [eventsBefore, mailsBefore] = [await second.eventCount(), (await notifications(second)).length];
    expect(await second.rejection(second.cast.decisionMaker, grantWith(number))).toBe(
      'certificate_number_taken',
    );
    expect(await second.eventCount()).toBe(eventsBefore);
    expect((await notifications(second)).length).toBe(mailsBefore);
    expect((await second.state()).state.status).toBe('awaiting_decision');
    expect(await register(number)).toEqual([
      expect.objectContaining({ stream_id: first.streamId, status: 'valid' }),
    ]);

    // The workflow is not stuck retrying: the next grant draws another number.
    const granted = await second.step(second.cast.decisionMaker, grantWith());
    expect(granted).toMatchObject({ status: 'accredited', eventTypes: ['AccreditationGranted'] });
  }, 60_000);

  it('let exactly one of two grants with the same number at the same time through', async () => {
    const drivers = await awaitingDecision(2);
    const number = certificateNumberFrom(new Date().toISOString(), randomUUID());
    const outcomes = await Promise.allSettled(
      drivers.map((driver) => driver.rejection(driver.cast.decisionMaker, grantWith(number))),
    );
    // `rejection` throws when the step was accepted.
    const refused = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const accepted = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [String(outcome.reason)] : [],
    );
    expect(refused).toEqual(['certificate_number_taken']);
    expect(accepted).toEqual([expect.stringContaining('Grant was accepted')]);
    const rows = await stack.db
      .selectFrom('certificate_numbers')
      .selectAll()
      .where('certificate_number', '=', number)
      .execute();
    expect(rows).toHaveLength(1);
    const winner = drivers.find((driver) => driver.streamId === rows[0]?.stream_id);
    const loser = drivers.find((driver) => driver !== winner);
    expect((await winner?.eventTypes())?.at(-1)).toBe('AccreditationGranted');
    expect(await loser?.eventTypes()).not.toContain('AccreditationGranted');
  }, 60_000);

  it('are drawn by the API among the numbers no grant has issued', async () => {
    const uuids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    const at = new Date('2026-11-27T10:00:00.000Z');
    const taken = certificateNumberFrom(at.toISOString(), uuids[0] as string);
    await stack.db
      .insertInto('certificate_numbers')
      .values({ certificate_number: taken, stream_id: 'accreditation-elsewhere', granted_at: at })
      .execute();
    const source = [...uuids];
    const drawn = await drawCertificateNumber(stack.db, at, () => source.shift() ?? '');
    expect(drawn).toBe(certificateNumberFrom(at.toISOString(), uuids[1] as string));
    expect(drawn).not.toBe(taken);
  });
});
