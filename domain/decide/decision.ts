import { isValidCertificateNumber } from '../certificate-number';
import type { Command, CommandContext, CommandOf } from '../commands';
import { addDuration, type Duration, isBefore, multiplyDuration } from '../duration';
import type { FindingToEvidence, ScheduledSelfAssessment } from '../events';
import { type AccreditationCase, openReviewGaps } from '../state';
import { authorise, forbidAuditors } from './authorise';
import { accept, type Decision, type Rejection, reject } from './outcome';
import { reviewGapsOpen, rulesSince } from './shared';

function selfAssessmentSchedule(
  cycle: number,
  validFrom: string,
  validUntil: string,
  interval: Duration,
): ScheduledSelfAssessment[] {
  const schedule: ScheduledSelfAssessment[] = [];
  // Counted from the start each time rather than chained, so month-end clamping never drifts.
  for (let number = 1; ; number++) {
    const dueAt = addDuration(validFrom, multiplyDuration(interval, number));
    if (!isBefore(dueAt, validUntil)) return schedule;
    const opensAt = addDuration(validFrom, multiplyDuration(interval, number - 1));
    schedule.push({ selfAssessmentId: `cycle-${cycle}:self-assessment-${number}`, opensAt, dueAt });
  }
}

/** The minor findings of the procedure decided: their action plans were accepted, their implementation is still to be shown. */
function findingsToEvidence(state: AccreditationCase): FindingToEvidence[] {
  return state.findings
    .filter((finding) => finding.severity === 'minor')
    .map(({ findingId, requirementId, description }) => ({ findingId, requirementId, description }));
}

/** The first Selbstbewertung of the certificate shows what became of them (ISO/IEC 17021-1: at the next surveillance). */
function withFindingsToEvidence(
  schedule: ScheduledSelfAssessment[],
  findings: FindingToEvidence[],
): ScheduledSelfAssessment[] {
  const [first, ...rest] = schedule;
  if (!first || findings.length === 0) return schedule;
  return [{ ...first, findingsToEvidence: findings }, ...rest];
}

/** The dossier the decision was taken on goes into its event, so its hash is kept with the decision. */
const dossierOf = (command: CommandOf<'Grant'> | CommandOf<'Refuse'>) =>
  command.data.dossier ? { dossier: command.data.dossier } : {};

/**
 * A decision taken on a dossier must be taken on the case as it stands: had anything happened
 * since the dossier was frozen (a reminder, another step), the decision maker did not see it.
 * `version`: the case's version now (the workflow's; the state does not count its events).
 */
export function dossierOutdated(command: Command, version: number): Rejection | undefined {
  if (command.type !== 'Grant' && command.type !== 'Refuse') return undefined;
  const { dossier } = command.data;
  if (!dossier || dossier.version === version) return undefined;
  return {
    code: 'dossier_outdated',
    message: `The dossier shows the case at version ${dossier.version}; it is at version ${version} now. Look at the case again.`,
  };
}

export function grant(
  command: CommandOf<'Grant'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state) ?? forbidAuditors(context, state);
  if (denied) return denied;
  const gaps = openReviewGaps(state);
  if (gaps.length > 0) return reviewGapsOpen(gaps.map((gap) => gap.requirementId));
  const outstanding = state.auditElements.filter(
    (element) => !state.completedAuditElements.includes(element),
  );
  if (outstanding.length > 0) {
    return reject('audit_incomplete', `Audit elements outstanding: ${outstanding.join(', ')}`);
  }
  const unresolved = (severity: 'major' | 'minor') =>
    state.findings.filter((finding) => finding.severity === severity && finding.status !== 'resolved');
  const openMajors = unresolved('major');
  if (openMajors.length > 0) {
    return reject(
      'open_major_findings',
      `Major findings open: ${openMajors.map((f) => f.findingId).join(', ')}`,
    );
  }
  const openMinors = unresolved('minor');
  if (openMinors.length > 0) {
    return reject(
      'action_plans_not_accepted',
      `Minor findings without an accepted action plan: ${openMinors.map((f) => f.findingId).join(', ')}`,
    );
  }
  const { certificateNumber } = command.data;
  if (!isValidCertificateNumber(certificateNumber, context.now)) {
    return reject(
      'invalid_certificate_number',
      `${certificateNumber} does not read DIM1002-<year of decision>-<8 characters of Crockford base 32>`,
    );
  }
  if (state.certificate?.certificateNumber === certificateNumber) {
    return reject('certificate_number_reused', `${certificateNumber} is the current certificate's number`);
  }
  const renewal = state.certificate !== null;
  // A renewed certificate continues the old one without a gap or an overlap.
  const validFrom = state.certificate?.validUntil ?? context.now;
  const validUntil = addDuration(validFrom, state.policy.certificateValidity);
  const cycle = renewal ? state.cycle + 1 : state.cycle;
  return accept({
    type: 'AccreditationGranted',
    data: {
      certificateNumber,
      decidedBy: context.actor.id,
      decidedAt: context.now,
      validFrom,
      validUntil,
      cycle,
      renewal,
      selfAssessments: withFindingsToEvidence(
        selfAssessmentSchedule(cycle, validFrom, validUntil, state.policy.selfAssessmentInterval),
        rulesSince(context, 5) ? findingsToEvidence(state) : [],
      ),
      ...dossierOf(command),
    },
  });
}

export function refuse(
  command: CommandOf<'Refuse'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state) ?? forbidAuditors(context, state);
  if (denied) return denied;
  return accept({
    type: 'AccreditationRefused',
    data: {
      reasons: command.data.reasons,
      decidedBy: context.actor.id,
      renewal: state.certificate !== null,
      ...dossierOf(command),
    },
  });
}
