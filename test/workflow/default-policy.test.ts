import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/database';
import { useTestStack } from '../support/stack';
import type { TestClock } from '../support/temporal';

/**
 * The default policy of the standard — years, not seconds — on the Java time-skipping test server
 * (DESIGN.md §6): a case is granted on day D, then the test sleeps through three years of server
 * time in a few seconds and checks that every reminder, escalation and the renewal window fell on
 * the calendar date the standard gives, counted from D.
 *
 * The test server (io.temporal:temporal-test-server 1.35.0) supports updates with validators and
 * update-with-start, so the case is driven exactly as on the dev server. Its clock starts at the
 * real now, so every expectation is computed from the grant's `decidedAt`.
 */

const DAY = 86_400_000;

/** Calendar months in UTC, clamped to the month's end — written out here, independent of domain/duration. */
function plusMonths(iso: string, months: number): string {
  const at = new Date(iso);
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = new Date(at);
  shifted.setUTCFullYear(year, month, Math.min(at.getUTCDate(), lastDay));
  return shifted.toISOString();
}
const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();

describe('the default policy under the time-skipping test server', () => {
  const stack = useTestStack({ temporal: 'time-skipping' });

  /** Sleeps in server time until `iso` (the server skips ahead while the workflow waits on timers). */
  async function sleepUntil(iso: string) {
    const clock = stack.temporal.clock as TestClock;
    await clock.sleep(Math.max(0, Date.parse(iso) - (await clock.now())));
  }

  /** The event a timer wrote, checked to carry the business time of the timer (within a minute) and its date. */
  function firedAt(events: EventRow[], timerId: string, expected: string) {
    const event = events.find((candidate) => (candidate.data as { timerId?: string }).timerId === timerId);
    if (!event)
      throw new Error(`No event of timer ${timerId}; stream: ${events.map((e) => e.event_type).join(', ')}`);
    const at = event.business_time.toISOString();
    expect({ timerId, date: at.slice(0, 10) }).toEqual({ timerId, date: expected.slice(0, 10) });
    expect(Date.parse(at) - Date.parse(expected), timerId).toBeGreaterThanOrEqual(0);
    expect(Date.parse(at) - Date.parse(expected), timerId).toBeLessThan(60_000);
    return event;
  }

  it('a grant on day D: self-assessments due at D + 12 and 24 months with reminders, renewal window at expiry − 6 months, expiry at D + 3 years', async () => {
    const accreditation = stack.driver();
    const { caseManager, applicant, decisionMaker } = accreditation.cast;
    // No policy given: the defaults of DIM 1002:2024 (domain/policy.ts).
    await accreditation.open();
    await accreditation.throughDocumentReview();
    await accreditation.planAudit();
    const assigned = await accreditation.waitForEvent('LeadAuditorAssigned');
    const { objectionWindowEndsAt } = assigned.data as { objectionWindowEndsAt: string };
    expect(objectionWindowEndsAt).toBe(plusDays(assigned.business_time.toISOString(), 14));

    // The organisation's 14 days to object to the auditor.
    await sleepUntil(plusDays(objectionWindowEndsAt, 1));
    await accreditation.waitForEvent('AuditorObjectionWindowClosed');
    firedAt(
      await accreditation.events(),
      'cycle-1:lead-auditor-1:objection-window-end',
      objectionWindowEndsAt,
    );
    await accreditation.completeAudit();
    expect(await accreditation.step(decisionMaker, { type: 'Grant', data: {} })).toMatchObject({
      status: 'accredited',
    });

    const granted = await accreditation.waitForEvent('AccreditationGranted');
    const {
      decidedAt: D,
      validFrom,
      validUntil,
    } = granted.data as Record<'decidedAt' | 'validFrom' | 'validUntil', string>;
    expect(validFrom).toBe(D);
    expect(validUntil).toBe(plusMonths(D, 36));
    const firstDue = plusMonths(D, 12);
    const secondDue = plusMonths(D, 24);
    const renewalOpens = plusMonths(validUntil, -6);

    // Year one: reminders 30 and 7 days before D + 12 months and on the day; the organisation then submits.
    await sleepUntil(plusDays(firstDue, 1));
    await accreditation.waitForEvent('SelfAssessmentReminderSent', { after: granted.stream_version + 2 });
    let events = await accreditation.events();
    const first = 'cycle-1:self-assessment-1';
    firedAt(events, `${first}:reminder-30d`, plusDays(firstDue, -30));
    firedAt(events, `${first}:reminder-7d`, plusDays(firstDue, -7));
    expect(firedAt(events, `${first}:due`, firstDue).data).toMatchObject({
      reminder: 'due',
      dueAt: firstDue,
    });
    await accreditation.step(applicant, {
      type: 'SubmitSelfAssessment',
      data: { selfAssessmentId: first, statement: 'Alle Anforderungen weiterhin erfüllt.' },
    });
    await accreditation.step(caseManager, {
      type: 'ReviewSelfAssessment',
      data: { selfAssessmentId: first, review: { outcome: 'accepted' } },
    });

    // Year two: nobody submits — reminders, overdue reminder, escalation, suspension proposal; then renewal.
    await sleepUntil(plusDays(renewalOpens, 1));
    await accreditation.waitForEvent('RenewalWindowOpened');
    events = await accreditation.events();
    const second = 'cycle-1:self-assessment-2';
    firedAt(events, `${second}:reminder-30d`, plusDays(secondDue, -30));
    firedAt(events, `${second}:reminder-7d`, plusDays(secondDue, -7));
    firedAt(events, `${second}:due`, secondDue);
    firedAt(events, `${second}:overdue`, plusDays(secondDue, 7));
    firedAt(events, `${second}:escalation`, plusDays(secondDue, 14));
    firedAt(events, `${second}:suspension-proposal`, plusDays(secondDue, 60));
    expect(firedAt(events, 'cycle-1:renewal-window', renewalOpens).data).toMatchObject({
      expiresAt: validUntil,
    });

    // Year three: no renewal applied for — the certificate expires at D + 3 years and the workflow ends.
    const result = await accreditation.handle().result();
    expect(result.status).toBe('expired');
    events = await accreditation.events();
    firedAt(events, 'cycle-1:certificate-expiry', validUntil);
    if (process.env.SHOW_TIMELINE) {
      console.log(events.map((e) => `${e.business_time.toISOString()} ${e.event_type}`).join('\n'));
    }

    expect(events.slice(granted.stream_version - 1).map((event) => event.event_type)).toEqual([
      'AccreditationGranted',
      'SelfAssessmentReminderSent',
      'SelfAssessmentReminderSent',
      'SelfAssessmentReminderSent',
      'SelfAssessmentSubmitted',
      'SelfAssessmentAccepted',
      'SelfAssessmentReminderSent',
      'SelfAssessmentReminderSent',
      'SelfAssessmentReminderSent',
      'SelfAssessmentReminderSent',
      'SelfAssessmentEscalated',
      'SuspensionProposed',
      'RenewalWindowOpened',
      'AccreditationExpired',
    ]);
  });
});
