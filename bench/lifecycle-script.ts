/**
 * Scripted users for whole life cycles through the HTTP API: each looks at the case's open tasks
 * and does what the person would, in the order of test/workflow/lifecycle.test.ts (an information request,
 * an audit with one major finding and its corrective action, the grant, two self-assessments, the
 * renewal with a re-audit by another auditor, the renewal grant, the new cycle). When nothing is to
 * be done, it waits until the case's next deadline has passed (the clock's turn).
 */
import type { PolicyInput } from '../domain/policy-schema';
import { allConforming, completeApplication } from '../test/fixtures/application';
import type { TestUser } from '../test/fixtures/users';
import type { BenchApi, Response } from './api';
import { sleep } from './support';

/**
 * The pilot policy of test/workflow/lifecycle.test.ts (a cycle of seconds) stretched so that a cycle still
 * fits under load: 200 cycles at once on 2 cores put a step at about 2 s (p50), and a renewal's
 * dozen steps must finish before the certificate expires. A "year" is 30 s here: self-assessments
 * at +30 s and +60 s, the renewal window opening at +30 s, expiry at +90 s.
 */
export const benchPolicy: PolicyInput = {
  version: 'bench-seconds',
  certificateValidity: { seconds: 90 },
  selfAssessmentInterval: { seconds: 30 },
  selfAssessmentReminderLeadTimes: [{ seconds: 3 }],
  selfAssessmentOverdueReminderAfter: { seconds: 2 },
  selfAssessmentEscalationAfter: { seconds: 5 },
  selfAssessmentSuspensionProposalAfter: { seconds: 15 },
  renewalWindow: { seconds: 60 },
  auditorObjectionWindow: { seconds: 1 },
  correctiveActionDeadline: { minutes: 5 },
  informationRequestResponseDeadline: { minutes: 5 },
  informationRequestReminderLeadTime: { minutes: 1 },
};

export interface CaseCast {
  caseManager: TestUser;
  applicant: TestUser;
  reviewer: TestUser;
  leadAuditor: TestUser;
  /** Reviews and audits the renewal. */
  renewalAuditor: TestUser;
  decisionMaker: TestUser;
}

interface TaskView {
  kind: string;
  subjectId: string;
  assigneeId: string | null;
}

export interface CaseView {
  id: string;
  status: string;
  cycle: number;
  certificate: { number: string } | null;
  nextDeadline: { kind: string; at: string } | null;
  openTasks: TaskView[];
}

interface Action {
  user: TestUser;
  path: string;
  body: unknown;
}

export interface CycleOutcome {
  steps: number;
  stepLatencies: number[];
  polls: number;
  conflicts: number;
  /** Steps repeated with their Idempotency-Key after a 503. */
  retries: number;
  /** Why the cycle did not reach cycle 2, if it did not. */
  failure?: string;
}

/** What the people of the case do next, given its open tasks; undefined: wait for the clock. */
export function nextAction(
  view: CaseView,
  cast: CaseCast,
  memory: { informationRequested: boolean },
): Action | undefined {
  const renewal = view.certificate !== null;
  const auditor = renewal ? cast.renewalAuditor : cast.leadAuditor;
  for (const task of view.openTasks) {
    const id = task.subjectId;
    switch (task.kind) {
      case 'submit_application':
        return { user: cast.applicant, path: 'application', body: { items: completeApplication } };
      case 'review_application':
        if (!memory.informationRequested) {
          memory.informationRequested = true;
          return {
            user: cast.caseManager,
            path: 'information-requests',
            body: { questions: ['Bitte reichen Sie das Organigramm nach.'] },
          };
        }
        return { user: cast.caseManager, path: 'application/accept', body: {} };
      case 'answer_request':
        return {
          user: cast.applicant,
          path: 'information-responses',
          body: { requestId: id, answer: 'Liegt bei.', documentIds: ['doc-organigramm'] },
        };
      case 'assign_document_reviewer':
        return {
          user: cast.caseManager,
          path: 'document-reviewer',
          body: {
            auditorId: (renewal ? cast.renewalAuditor : cast.reviewer).id,
            conflictOfInterestDeclaredFree: true,
          },
        };
      case 'complete_document_review':
        return {
          user: renewal ? cast.renewalAuditor : cast.reviewer,
          path: 'document-review',
          body: { results: allConforming },
        };
      case 'assign_lead_auditor':
        return {
          user: cast.caseManager,
          path: 'lead-auditor',
          body: { auditorId: auditor.id, conflictOfInterestDeclaredFree: true },
        };
      case 'set_audit_date':
        return { user: auditor, path: 'audit-date', body: { auditDate: '2030-01-01' } };
      case 'complete_audit_element':
        return {
          user: auditor,
          path: 'audit-elements',
          body: {
            element: id,
            findings:
              !renewal && id === 'on_site_audit'
                ? [
                    {
                      requirementId: 'SEC-2',
                      severity: 'major',
                      description: 'Kein Penetrationstest seit 2023.',
                    },
                  ]
                : [],
          },
        };
      case 'submit_corrective_action_evidence':
        return {
          user: cast.applicant,
          path: 'corrective-actions',
          body: {
            findingId: id,
            description: 'Penetrationstest durchgeführt.',
            documentIds: ['doc-pentest'],
          },
        };
      case 'verify_corrective_action':
        return {
          user: auditor,
          path: 'corrective-actions/verify',
          body: { findingId: id, effective: true, comment: 'Bericht geprüft.' },
        };
      case 'decide_accreditation':
        return { user: cast.decisionMaker, path: 'grant', body: {} };
      case 'submit_self_assessment':
        return {
          user: cast.applicant,
          path: 'self-assessments',
          body: { selfAssessmentId: id, statement: 'Alle Anforderungen erfüllt.' },
        };
      case 'review_self_assessment':
        return {
          user: cast.caseManager,
          path: 'self-assessments/review',
          body: { selfAssessmentId: id, review: { outcome: 'accepted' } },
        };
      case 'decide_suspension_proposal':
        return {
          user: cast.caseManager,
          path: 'suspension-proposals/reject',
          body: { proposalId: id, reason: 'Selbstbewertung liegt inzwischen vor.' },
        };
      case 'apply_for_renewal':
        return { user: cast.applicant, path: 'renewal', body: { documentIds: ['doc-update'] } };
      case 'end_suspension':
        return { user: cast.caseManager, path: 'reinstate', body: { reason: 'Erledigt.' } };
    }
  }
  return undefined;
}

const finished = new Set(['refused', 'withdrawn', 'expired']);

/** Drives one opened case until its second cycle begins (or it ends otherwise, or time runs out). */
export async function driveCycle(
  api: BenchApi,
  opened: CaseView,
  cast: CaseCast,
  options: { timeoutMs: number },
): Promise<CycleOutcome> {
  const outcome: CycleOutcome = { steps: 0, stepLatencies: [], polls: 0, conflicts: 0, retries: 0 };
  const memory = { informationRequested: false };
  const deadline = Date.now() + options.timeoutMs;
  let view = opened;
  while (view.cycle < 2) {
    if (finished.has(view.status)) return { ...outcome, failure: `ended ${view.status}` };
    if (Date.now() > deadline) return { ...outcome, failure: `timed out in ${view.status}` };
    const action = nextAction(view, cast, memory);
    if (action) {
      const t0 = performance.now();
      let response: Response<CaseView> = await api.call(
        action.user,
        'POST',
        `/accreditations/${view.id}/${action.path}`,
        action.body,
      );
      // 503: the workflow did not answer in time; repeat with the key, as the API asks.
      for (let retry = 0; response.status === 503 && retry < 5; retry++) {
        outcome.retries++;
        const key = (response.body as unknown as { updateId: string }).updateId;
        response = await api.call(
          action.user,
          'POST',
          `/accreditations/${view.id}/${action.path}`,
          action.body,
          {
            'idempotency-key': key,
          },
        );
      }
      if (response.status === 200) {
        outcome.stepLatencies.push(performance.now() - t0);
        outcome.steps++;
        view = response.body;
        continue;
      }
      // A timer may have changed the case meanwhile (e.g. the window closed): look again.
      if (response.status !== 409) {
        return {
          ...outcome,
          failure: `${action.path}: HTTP ${response.status} ${JSON.stringify(response.body)}`,
        };
      }
      outcome.conflicts++;
    } else {
      // The clock's turn: wait until the next deadline has passed, then look again.
      const at = view.nextDeadline ? Date.parse(view.nextDeadline.at) : Date.now() + 500;
      await sleep(Math.min(Math.max(at - Date.now() + 100, 200), 5_000));
    }
    const fresh: Response<CaseView> = await api.call(cast.caseManager, 'GET', `/accreditations/${view.id}`);
    outcome.polls++;
    if (fresh.status !== 200) return { ...outcome, failure: `GET: HTTP ${fresh.status}` };
    view = fresh.body;
  }
  return outcome;
}
