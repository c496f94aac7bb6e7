import { describe, expect, it } from 'vitest';
import { CaseFileSchema } from '../../domain/case-file/schema';
import { caseFileFor } from '../../domain/case-file/visibility';
import { completeApplication } from '../fixtures/application';
import { StampedCase } from './stamped-case';
import {
  allRequirementIds,
  applicant,
  caseManager,
  command,
  decisionMaker,
  leadAuditor,
  reviewer,
} from './support';

/** Issue 20 in the case file: the case's technical areas, and gaps of the review verified at the audit. */

const gaps = [
  { requirementId: 'SEC-2', comment: 'Kein Penetrationstest seit 2023.' },
  { requirementId: 'QUA-1', comment: 'Keine Kundenzufriedenheitsanalyse.' },
];
const reviewedAt = '2026-01-10T09:00:00.000Z';

/** Opened for two technical areas; the document review finds two gaps; the audit is about to begin. */
function caseWithGaps(): StampedCase {
  const c = new StampedCase();
  c.do(
    command('OpenAccreditation', {
      accreditationId: 'acc-1',
      organisationId: 'org-1',
      organisationName: 'Muster IT-Service GmbH',
      scope: 'Servicedesk, Standort Musterstadt',
      technicalAreas: ['itsm_operations', 'service_desk_support'],
      caseManagerId: caseManager.id,
    }),
    caseManager,
  );
  c.do(command('SubmitApplication', { items: completeApplication }), applicant, '2026-01-06T09:00:00.000Z');
  c.do(command('AcceptApplication', {}), caseManager, '2026-01-07T09:00:00.000Z');
  c.assignDocumentReviewer();
  const results = allRequirementIds.map((requirementId) => {
    const gap = gaps.find((candidate) => candidate.requirementId === requirementId);
    return gap ? { ...gap, result: 'gap' as const } : { requirementId, result: 'conforming' as const };
  });
  c.do(command('CompleteDocumentReview', { results }), reviewer, reviewedAt);
  c.assignLeadAuditor();
  c.do(command('SetAuditDate', { auditDate: '2026-01-28' }), caseManager);
  return c.elapse('cycle-1:lead-auditor-1:objection-window-end');
}

const viewers = [
  { role: 'staff', userId: caseManager.id },
  { role: 'decision_maker', userId: decisionMaker.id },
  { role: 'auditor', userId: leadAuditor.id },
  { role: 'organisation', userId: applicant.id },
] as const;

describe('the case file of a case whose document review found gaps', () => {
  it('names the case’s technical areas', () => {
    expect(caseWithGaps().file.technicalAreas).toEqual(['itsm_operations', 'service_desk_support']);
    expect(new StampedCase().open().file.technicalAreas).toEqual([]);
  });

  it('shows every viewer what the auditor must verify, while it is open', () => {
    const file = caseWithGaps().file;
    const open = gaps.map((gap) => ({ ...gap, referredAt: reviewedAt, status: 'open', verification: null }));
    for (const viewer of viewers) {
      const view = caseFileFor(file, viewer);
      expect(view.procedures[0]?.reviewGaps, viewer.role).toEqual(open);
      expect(CaseFileSchema.parse(view)).toEqual(view);
    }
  });

  it('shows every viewer how the audit settled each gap: found closed, or taken over by a finding', () => {
    const c = caseWithGaps();
    const auditDay = '2026-01-28T15:00:00.000Z';
    c.do(
      command('CompleteAuditElement', {
        element: 'it_security_check',
        findings: [],
        reviewGapsClosed: [
          { requirementId: 'SEC-2', comment: 'Penetrationstest vom Januar 2026 liegt vor.' },
        ],
      }),
      leadAuditor,
      auditDay,
    );
    const midway = c.file.procedures[0]?.reviewGaps;
    expect(midway?.map((gap) => gap.status)).toEqual(['closed', 'open']);
    c.completeAuditElement('on_site_audit');
    c.completeAuditElement('customer_satisfaction_analysis', [
      { requirementId: 'QUA-1', severity: 'minor', description: 'Analyse erst im Aufbau.' },
    ]);
    const settled = [
      {
        ...gaps[0],
        referredAt: reviewedAt,
        status: 'closed',
        verification: {
          element: 'it_security_check',
          auditorId: leadAuditor.id,
          comment: 'Penetrationstest vom Januar 2026 liegt vor.',
          findingId: null,
          at: auditDay,
        },
      },
      {
        ...gaps[1],
        referredAt: reviewedAt,
        status: 'finding',
        verification: {
          element: 'customer_satisfaction_analysis',
          auditorId: leadAuditor.id,
          comment: null,
          findingId: 'cycle-1:finding-1',
          at: auditDay,
        },
      },
    ];
    const file = c.file;
    for (const viewer of viewers) {
      expect(caseFileFor(file, viewer).procedures[0]?.reviewGaps, viewer.role).toEqual(settled);
    }
    // The finding that took the gap over is the organisation's to answer, like any other.
    const organisation = caseFileFor(file, { role: 'organisation', userId: applicant.id });
    expect(organisation.procedures[0]?.findings).toEqual([
      expect.objectContaining({ findingId: 'cycle-1:finding-1', requirementId: 'QUA-1', status: 'open' }),
    ]);
    expect(organisation.procedures[0]?.findings[0]).not.toHaveProperty('auditorRemindedAt');
  });
});
