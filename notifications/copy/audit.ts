/**
 * The mails of the assessment: Dokumentenprüfung, audit planning and findings, corrective actions,
 * extended deadlines, and the case ready for decision.
 */
import { type Content, type Context, type Copy, standard } from './context';
import { requirementName } from './reasons';

const severity = (c: Context, value: 'major' | 'minor' | 'observation') =>
  ({
    major: c.t('Hauptabweichung', 'major nonconformity'),
    minor: c.t('Nebenabweichung', 'minor nonconformity'),
    observation: c.t('Beobachtung', 'observation'),
  })[value];

/** When the auditor must have verified a corrective action or action plan, if the policy says. */
const verifyByBlocks = (c: Context, verifyBy: string | undefined) =>
  verifyBy
    ? [c.t(`Bitte prüfen Sie bis ${c.dateTime(verifyBy)}.`, `Please verify by ${c.dateTime(verifyBy)}.`)]
    : [];
const verifyByCalendar = (c: Context, verifyBy: string | undefined) =>
  verifyBy ? [c.due('verification', c.t('Frist: Prüfung', 'Due: verification'), verifyBy)] : [];

/** Where the organisation acts on what a deadline was extended for. */
function extendedStep(c: Context, target: { kind: string; id: string }): Content['action'] {
  if (target.kind === 'information_request') return c.answerRequest(target.id);
  if (target.kind === 'corrective_action') {
    return c.openStep(
      'SubmitCorrectiveActionEvidence',
      c.t('Nachweis einreichen', 'Submit the evidence'),
      target.id,
    );
  }
  if (target.kind === 'self_assessment') {
    return c.openStep(
      'SubmitSelfAssessment',
      c.t('Selbstbewertung einreichen', 'Submit the self-assessment'),
      target.id,
    );
  }
  return c.openTasks();
}

export const auditCopy: Record<string, Copy> = {
  document_reviewer_assigned: (c) => {
    const d = c.data('DocumentReviewerAssigned');
    const dueBy = d.reviewDueBy;
    return {
      subject: c.t(`Neue Aufgabe: Dokumentenprüfung ${c.org}`, `New task: document review ${c.org}`),
      blocks: [
        c.t(
          `Sie wurden mit der Dokumentenprüfung von ${c.org} nach ${standard} beauftragt.`,
          `You have been assigned the document review of ${c.org} under ${standard}.`,
        ),
        ...(dueBy
          ? [
              c.t(
                `Bitte schließen Sie sie bis ${c.dateTime(dueBy)} ab.`,
                `Please complete it by ${c.dateTime(dueBy)}.`,
              ),
            ]
          : []),
      ],
      action: c.openTasks(),
      calendar: dueBy
        ? [c.due('document-review', c.t('Frist: Dokumentenprüfung', 'Due: document review'), dueBy)]
        : [],
    };
  },

  auditor_deadline_approaching: (c) => {
    const d = c.data('AuditorDeadlineApproaching');
    const work = {
      complete_document_review: c.t('die Dokumentenprüfung', 'the document review'),
      complete_audit_elements: c.t(
        'den Auditbericht (alle Auditelemente)',
        'the audit report (every audit element)',
      ),
      verify_finding: c.t(
        'die Prüfung einer Korrekturmaßnahme bzw. eines Maßnahmenplans',
        'the verification of a corrective action or action plan',
      ),
    }[d.task];
    return {
      subject: c.t(`Frist naht: ${c.org}`, `Deadline approaching: ${c.org}`),
      blocks: [
        c.t(
          `bitte denken Sie daran: ${work} für ${c.org} ist bis ${c.dateTime(d.dueAt)} abzuschließen.`,
          `a reminder: ${work} for ${c.org} is due by ${c.dateTime(d.dueAt)}.`,
        ),
      ],
      action: c.openTasks(),
      calendar: [c.due(d.task, c.t('Frist: Auditorenaufgabe', 'Due: auditor task'), d.dueAt)],
    };
  },

  lead_auditor_assigned: (c) => {
    const d = c.data('LeadAuditorAssigned');
    return c.input.role === 'auditor'
      ? {
          subject: c.t(`Neue Aufgabe: Audit ${c.org}`, `New task: audit ${c.org}`),
          blocks: [
            c.t(
              `Sie wurden als leitende Auditorin bzw. leitender Auditor für ${c.org} benannt. Bitte stimmen Sie den Audittermin ab.`,
              `You have been appointed lead auditor for ${c.org}. Please agree the audit date.`,
            ),
          ],
          action: c.openTasks(),
        }
      : {
          subject: c.t('Auditor benannt', 'Auditor appointed'),
          blocks: [
            c.t(
              `für das Audit von ${c.org} wurde eine leitende Auditorin bzw. ein leitender Auditor benannt. Einwände gegen die Person können Sie bis ${c.dateTime(d.objectionWindowEndsAt)} erheben.`,
              `a lead auditor has been appointed for the audit of ${c.org}. You may object to the person until ${c.dateTime(d.objectionWindowEndsAt)}.`,
            ),
          ],
          action: c.openStep('ObjectToAuditor', c.t('Einwand erheben', 'Object to the auditor')),
        };
  },

  audit_date_set: (c) => {
    const d = c.data('AuditDateSet');
    const summary = c.t(`Audit ${standard}: ${c.org}`, `Audit ${standard}: ${c.org}`);
    return {
      subject: c.t(`Audittermin: ${c.day(d.auditDate)}`, `Audit date: ${c.day(d.auditDate)}`),
      blocks: [
        c.t(
          `das Audit von ${c.org} nach ${standard} findet am ${c.day(d.auditDate)} statt. Der Termin liegt als Kalendereintrag bei.`,
          `the audit of ${c.org} under ${standard} takes place on ${c.day(d.auditDate)}. A calendar entry is attached.`,
        ),
        ...(d.reportDueBy && c.input.role === 'auditor'
          ? [
              c.t(
                `Alle Auditelemente sind bis ${c.dateTime(d.reportDueBy)} abzuschließen.`,
                `Every audit element is to be completed by ${c.dateTime(d.reportDueBy)}.`,
              ),
            ]
          : []),
      ],
      action: c.openCase(),
      calendar: [
        {
          subject: 'audit-date',
          summary,
          description: summary,
          start: { date: d.auditDate },
          url: c.input.webUrl + c.casePath,
        },
      ],
    };
  },

  auditor_objected: (c) => {
    const d = c.data('AuditorObjected');
    return {
      subject: c.t(`Einwand gegen Auditor: ${c.org}`, `Objection to auditor: ${c.org}`),
      blocks: [
        c.t(
          `${c.org} hat Einwand gegen die benannte Auditorin bzw. den benannten Auditor erhoben. Begründung:`,
          `${c.org} has objected to the appointed auditor. Reason:`,
        ),
        { list: [d.reason] },
        c.t('Bitte benennen Sie eine andere Person.', 'Please appoint someone else.'),
      ],
      action: c.openTasks(),
    };
  },

  review_gaps_referred_to_audit: (c) => {
    const d = c.data('ReviewGapsReferredToAudit');
    return {
      subject: c.t(
        `Dokumentenprüfung abgeschlossen: offene Punkte für das Audit (${c.org})`,
        `Document review completed: points for the audit (${c.org})`,
      ),
      blocks: [
        c.t(
          `die Dokumentenprüfung von ${c.org} ist abgeschlossen. Zu diesen Anforderungen fehlten Nachweise; das Vor-Ort-Audit prüft sie:`,
          `the document review of ${c.org} is complete. Evidence was missing for these requirements; the on-site audit will verify them:`,
        ),
        { list: d.gaps.map((gap) => `${requirementName(c, gap.requirementId)}: ${gap.comment}`) },
        c.t(
          'Bitte halten Sie die Nachweise zum Audit bereit. Eine Lücke, die dann noch besteht, wird als Feststellung aufgenommen; vor der Entscheidung muss jede geklärt sein.',
          'Please have the evidence ready for the audit. A gap that remains then is recorded as a finding; each must be settled before the decision.',
        ),
      ],
      action: c.openCase(),
    };
  },

  audit_element_completed: (c) => {
    const d = c.data('AuditElementCompleted');
    const findings = d.findings.map((finding) => {
      const due = finding.correctiveActionDueBy
        ? c.t(
            ` – Nachweis der Korrekturmaßnahme bis ${c.dateTime(finding.correctiveActionDueBy)}`,
            ` – evidence of corrective action due by ${c.dateTime(finding.correctiveActionDueBy)}`,
          )
        : '';
      return `${requirementName(c, finding.requirementId)} (${severity(c, finding.severity)}): ${finding.description}${due}`;
    });
    const deadlines = d.findings.flatMap((finding) =>
      finding.correctiveActionDueBy
        ? [
            c.due(
              `finding:${finding.findingId}`,
              c.t(
                `Frist Korrekturmaßnahme ${requirementName(c, finding.requirementId)}`,
                `Corrective action due ${requirementName(c, finding.requirementId)}`,
              ),
              finding.correctiveActionDueBy,
            ),
          ]
        : [],
    );
    return {
      subject: c.t('Feststellungen aus dem Audit', 'Audit findings'),
      blocks: [
        c.t(
          `im Audit von ${c.org} wurden folgende Feststellungen getroffen:`,
          `the audit of ${c.org} resulted in the following findings:`,
        ),
        { list: findings },
        c.t(
          'Für Hauptabweichungen ist der Nachweis der Korrekturmaßnahme fristgerecht einzureichen, für Nebenabweichungen ein Maßnahmenplan.',
          'For major nonconformities, submit evidence of the corrective action by the deadline; for minor ones, an action plan.',
        ),
      ],
      action: c.openTasks(),
      ...(deadlines.length ? { calendar: deadlines } : {}),
    };
  },

  corrective_action_evidence_submitted: (c) => {
    const { verifyBy } = c.data('CorrectiveActionEvidenceSubmitted');
    return {
      subject: c.t(
        `Neue Aufgabe: Korrekturmaßnahme prüfen (${c.org})`,
        `New task: verify corrective action (${c.org})`,
      ),
      blocks: [
        c.t(
          `${c.org} hat den Nachweis einer Korrekturmaßnahme eingereicht. Bitte prüfen Sie ihre Wirksamkeit.`,
          `${c.org} has submitted evidence of a corrective action. Please verify its effectiveness.`,
        ),
        ...verifyByBlocks(c, verifyBy),
      ],
      action: c.openTasks(),
      calendar: verifyByCalendar(c, verifyBy),
    };
  },

  action_plan_submitted: (c) => {
    const { verifyBy } = c.data('ActionPlanSubmitted');
    return {
      subject: c.t(
        `Neue Aufgabe: Maßnahmenplan prüfen (${c.org})`,
        `New task: review action plan (${c.org})`,
      ),
      blocks: [
        c.t(`${c.org} hat einen Maßnahmenplan eingereicht.`, `${c.org} has submitted an action plan.`),
        ...verifyByBlocks(c, verifyBy),
      ],
      action: c.openTasks(),
      calendar: verifyByCalendar(c, verifyBy),
    };
  },

  corrective_action_verified: (c) => {
    const d = c.data('CorrectiveActionVerified');
    return {
      subject: c.t('Korrekturmaßnahme nicht wirksam', 'Corrective action not effective'),
      blocks: [
        c.t(
          'die eingereichte Korrekturmaßnahme wurde als nicht wirksam bewertet. Bitte reichen Sie einen neuen Nachweis ein. Anmerkung:',
          'the corrective action submitted was found not effective. Please submit new evidence. Comment:',
        ),
        { list: [d.comment] },
      ],
      action: c.openStep(
        'SubmitCorrectiveActionEvidence',
        c.t('Neuen Nachweis einreichen', 'Submit new evidence'),
        d.findingId,
      ),
    };
  },

  deadline_extended: (c) => {
    const d = c.data('DeadlineExtended');
    const subject =
      d.target.kind === 'corrective_action' ? `finding:${d.target.id}` : `${d.target.kind}:${d.target.id}`;
    return {
      subject: c.t('Frist verlängert', 'Deadline extended'),
      blocks: [
        c.t(
          `die Frist wurde bis ${c.dateTime(d.newDueAt)} verlängert (bisher ${c.dateTime(d.previousDueAt)}). Begründung: ${d.reason}`,
          `the deadline has been extended to ${c.dateTime(d.newDueAt)} (previously ${c.dateTime(d.previousDueAt)}). Reason: ${d.reason}`,
        ),
      ],
      action: extendedStep(c, d.target),
      calendar: [
        c.due(
          d.target.kind === 'information_request' ? `request:${d.target.id}` : subject,
          c.t('Frist (verlängert)', 'Deadline (extended)'),
          d.newDueAt,
        ),
      ],
    };
  },

  ready_for_decision: (c) => ({
    subject: c.t(`Entscheidung fällig: ${c.org}`, `Ready for decision: ${c.org}`),
    blocks: [
      c.t(
        `Die Bewertung von ${c.org} ist abgeschlossen; die Akkreditierung kann entschieden werden. Wer entscheidet, übernimmt den Fall in „Meine Aufgaben“; danach wird nur diese Person gefragt. (Wer an der Prüfung beteiligt war, entscheidet nicht.)`,
        `The assessment of ${c.org} is complete; the accreditation is ready for decision. Whoever decides takes the case in “My tasks”; from then on only they are asked. (Auditors of the case do not decide.)`,
      ),
    ],
    action: c.openCase(),
  }),
};
