import { describe, expect, it } from 'vitest';
import {
  applicant,
  type Case,
  command,
  decisionMaker,
  given,
  newCase,
  validCertificateNumber,
} from './support';

/** Issue 20 item 3, rule set 5: a minor finding's implementation is shown with the next Selbstbewertung. */

const majorFinding = 'cycle-1:finding-1';
const minorFinding = 'cycle-1:finding-2';
const first = 'cycle-1:self-assessment-1';
const second = 'cycle-1:self-assessment-2';
const submitted = { actor: applicant, now: '2027-01-10T09:00:00.000Z' };
const grantDay = '2026-03-01T10:00:00.000Z';

/** Granted with the minor finding's action plan accepted (the major one verified). */
function grantedWithMinorFinding(ruleSet?: 4): Case {
  const resolved = newCase().findingsResolved().taken(grantDay);
  const grant = command('Grant', { certificateNumber: validCertificateNumber });
  const decision = given(resolved.events).when(grant, {
    actor: decisionMaker,
    now: grantDay,
    ...(ruleSet ? { ruleSet } : {}),
  }).decision;
  if (!decision.ok) throw new Error(decision.rejection.message);
  return resolved.record(decision.events);
}

const selfAssessment = (findingEvidence?: { findingId: string; description: string }[]) =>
  command('SubmitSelfAssessment', {
    selfAssessmentId: first,
    statement: 'Alle Anforderungen weiterhin erfüllt.',
    ...(findingEvidence ? { findingEvidence } : {}),
  });

describe('the implementation of a minor finding, shown with the next Selbstbewertung', () => {
  it('names the minor finding on the first Selbstbewertung of the certificate, and only there', () => {
    const granted = grantedWithMinorFinding();
    const [firstScheduled, secondScheduled] = granted.case.selfAssessments;
    expect(firstScheduled?.findingsToEvidence).toEqual([
      {
        findingId: minorFinding,
        requirementId: 'QUA-1',
        description: 'Analyse nur jährlich statt quartalsweise.',
      },
    ]);
    expect(secondScheduled?.selfAssessmentId).toBe(second);
    expect(secondScheduled?.findingsToEvidence).toBeUndefined();
  });

  it('refuses the Selbstbewertung without evidence for it, with evidence for another, or twice for it', () => {
    const { events } = grantedWithMinorFinding();
    given(events).when(selfAssessment(), submitted).then('finding_evidence_missing');
    given(events)
      .when(selfAssessment([{ findingId: majorFinding, description: 'Längst erledigt.' }]), submitted)
      .then('invalid_finding_evidence');
    const twice = { findingId: minorFinding, description: 'Seit Q2 quartalsweise.' };
    given(events)
      .when(selfAssessment([twice, twice]), submitted)
      .then('invalid_finding_evidence');
  });

  it('takes it with evidence, and records what was done about the finding', () => {
    const { events } = grantedWithMinorFinding();
    const evidence = [{ findingId: minorFinding, description: 'Seit Q2 quartalsweise, Protokolle anbei.' }];
    const decision = given(events).when(selfAssessment(evidence), submitted).decision;
    expect(decision.ok && decision.events[0]?.data).toMatchObject({
      findingEvidence: [{ ...evidence[0], documentIds: [] }],
    });
  });

  it('asks nothing of a case granted under rule set 4, nor of a case granted without minor findings', () => {
    const takenWithout = (events: Case['events']) =>
      given(events).when(selfAssessment(), submitted).decision.ok;
    expect(takenWithout(grantedWithMinorFinding(4).events)).toBe(true);
    const clean = newCase().accredited();
    expect(clean.case.selfAssessments[0]?.findingsToEvidence).toBeUndefined();
    expect(takenWithout(clean.events)).toBe(true);
  });
});
