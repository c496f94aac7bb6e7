/**
 * The mails of the decision and the accredited years: grant or refusal, self-assessments, renewal,
 * suspension, reinstatement, withdrawal, expiry and the renewed certificate.
 */
import { type Copy, standard } from './context';
import { decisionReasons, suspensionProposalReason, suspensionReason, withdrawalReason } from './reasons';

export const certificateCopy: Record<string, Copy> = {
  accreditation_granted: (c) => {
    const d = c.data('AccreditationGranted');
    return {
      subject: c.t(
        `Akkreditierung erteilt – Zertifikat ${d.certificateNumber}`,
        `Accreditation granted – certificate ${d.certificateNumber}`,
      ),
      blocks: [
        c.t(
          `${c.org} ist nach ${standard} akkreditiert. Zertifikatsnummer: ${d.certificateNumber}, gültig vom ${c.date(d.validFrom)} bis ${c.date(d.validUntil)}.`,
          `${c.org} is accredited under ${standard}. Certificate number: ${d.certificateNumber}, valid from ${c.date(d.validFrom)} until ${c.date(d.validUntil)}.`,
        ),
        c.t('Jährliche Selbstbewertungen sind fällig am:', 'Yearly self-assessments are due on:'),
        { list: d.selfAssessments.map((s) => c.date(s.dueAt)) },
      ],
      action: c.openCase(),
    };
  },

  accreditation_refused: (c) => {
    const d = c.data('AccreditationRefused');
    return {
      subject: c.t('Akkreditierung abgelehnt', 'Accreditation refused'),
      blocks: [
        c.t(
          `die Akkreditierung von ${c.org} wurde abgelehnt. Gründe:`,
          `the accreditation of ${c.org} has been refused. Reasons:`,
        ),
        { list: decisionReasons(c, d, 'refusal') },
      ],
      action: c.openCase(),
    };
  },

  self_assessment_reminder_sent: (c) => {
    const d = c.data('SelfAssessmentReminderSent');
    const forStaff = c.input.role !== 'organisation';
    const subjects = {
      upcoming: c.t('Erinnerung: Selbstbewertung bald fällig', 'Reminder: self-assessment due soon'),
      due: c.t('Selbstbewertung heute fällig', 'Self-assessment due today'),
      overdue: c.t('Selbstbewertung überfällig', 'Self-assessment overdue'),
    };
    return {
      subject: forStaff ? `${subjects[d.reminder]}: ${c.org}` : subjects[d.reminder],
      blocks: [
        forStaff
          ? c.t(
              `Die Selbstbewertung von ${c.org} war am ${c.dateTime(d.dueAt)} fällig und liegt nicht vor.`,
              `The self-assessment of ${c.org} was due on ${c.dateTime(d.dueAt)} and has not been submitted.`,
            )
          : c.t(
              `die jährliche Selbstbewertung von ${c.org} ist am ${c.dateTime(d.dueAt)} fällig.`,
              `the yearly self-assessment of ${c.org} is due on ${c.dateTime(d.dueAt)}.`,
            ),
      ],
      action: forStaff
        ? c.openCase()
        : c.openStep(
            'SubmitSelfAssessment',
            c.t('Selbstbewertung einreichen', 'Submit the self-assessment'),
            d.selfAssessmentId,
          ),
      calendar: [
        c.due(
          `self-assessment:${d.selfAssessmentId}`,
          c.t('Selbstbewertung fällig', 'Self-assessment due'),
          d.dueAt,
        ),
      ],
    };
  },

  self_assessment_submitted: (c) => ({
    subject: c.t(`Selbstbewertung zu prüfen: ${c.org}`, `Self-assessment to review: ${c.org}`),
    blocks: [
      c.t(`${c.org} hat eine Selbstbewertung eingereicht.`, `${c.org} has submitted a self-assessment.`),
    ],
    action: c.openTasks(),
  }),

  self_assessment_escalated: (c) => {
    const d = c.data('SelfAssessmentEscalated');
    return {
      subject: c.t(`Eskalation: Selbstbewertung ${c.org}`, `Escalation: self-assessment ${c.org}`),
      blocks: [
        c.t(
          `Die Selbstbewertung von ${c.org} ist seit ${c.dateTime(d.dueAt)} überfällig. Bitte nehmen Sie Kontakt mit der Organisation auf.`,
          `The self-assessment of ${c.org} has been overdue since ${c.dateTime(d.dueAt)}. Please contact the organisation.`,
        ),
      ],
      action: c.openCase(),
    };
  },

  suspension_proposed: (c) => {
    const d = c.data('SuspensionProposed');
    return {
      subject: c.t(`Aussetzung vorgeschlagen: ${c.org}`, `Suspension proposed: ${c.org}`),
      blocks: [
        c.t(
          `Für ${c.org} wird die Aussetzung der Akkreditierung vorgeschlagen. Grund:`,
          `The suspension of the accreditation of ${c.org} is proposed. Reason:`,
        ),
        { list: [suspensionProposalReason(c, d)] },
        ...(d.recipient.role === 'decision_maker' && c.input.role === 'decision_maker'
          ? [
              c.t(
                'Wer entscheidet, übernimmt den Vorschlag in „Meine Aufgaben“; danach wird nur diese Person gefragt.',
                'Whoever decides takes the proposal in “My tasks”; from then on only they are asked.',
              ),
            ]
          : []),
      ],
      action: c.input.role === 'decision_maker' ? c.openTasks() : c.openCase(),
    };
  },

  renewal_window_opened: (c) => {
    const d = c.data('RenewalWindowOpened');
    return {
      subject: c.t('Verlängerung der Akkreditierung beantragen', 'Apply for renewal of the accreditation'),
      blocks: [
        c.t(
          `das Zertifikat ${d.certificateNumber} von ${c.org} läuft am ${c.date(d.expiresAt)} ab. Bitte beantragen Sie jetzt die Verlängerung, damit die Re-Akkreditierung rechtzeitig entschieden werden kann.`,
          `certificate ${d.certificateNumber} of ${c.org} expires on ${c.date(d.expiresAt)}. Please apply for renewal now so that the re-accreditation can be decided in time.`,
        ),
      ],
      action: c.openStep(
        'ApplyForRenewal',
        c.t('Verlängerung beantragen', 'Apply for renewal'),
        d.certificateNumber,
      ),
      calendar: [
        c.due(
          `certificate:${d.certificateNumber}`,
          c.t(`Zertifikat ${d.certificateNumber} läuft ab`, `Certificate ${d.certificateNumber} expires`),
          d.expiresAt,
        ),
      ],
    };
  },

  renewal_applied: (c) => ({
    subject: c.t(`Verlängerung beantragt: ${c.org}`, `Renewal applied for: ${c.org}`),
    blocks: [
      c.t(
        `${c.org} hat die Verlängerung beantragt. Bitte benennen Sie die Dokumentenprüfung.`,
        `${c.org} has applied for renewal. Please assign the document review.`,
      ),
    ],
    action: c.openTasks(),
  }),

  accreditation_suspended: (c) => {
    const d = c.data('AccreditationSuspended');
    const forStaff = c.input.role !== 'organisation';
    return {
      subject: forStaff
        ? c.t(`Akkreditierung ausgesetzt: ${c.org}`, `Accreditation suspended: ${c.org}`)
        : c.t('Akkreditierung ausgesetzt', 'Accreditation suspended'),
      blocks: [
        c.t(
          `die Akkreditierung von ${c.org} ist seit ${c.dateTime(d.suspendedAt)} ausgesetzt. Grund: ${suspensionReason(c, d)}. Ohne Wiederinkraftsetzung bis ${c.date(d.reinstateBy)} wird sie entzogen. Während der Aussetzung darf das DIM-Zeichen nicht verwendet werden.`,
          `the accreditation of ${c.org} has been suspended since ${c.dateTime(d.suspendedAt)}. Reason: ${suspensionReason(c, d)}. Unless reinstated by ${c.date(d.reinstateBy)} it will be withdrawn. The DIM label must not be used during the suspension.`,
        ),
      ],
      action: c.openCase(),
      calendar: [
        c.due(
          `suspension:${d.suspensionId}`,
          c.t('Ende der Aussetzung (spätestens)', 'Suspension ends (at the latest)'),
          d.reinstateBy,
        ),
      ],
    };
  },

  accreditation_reinstated: (c) => {
    const d = c.data('AccreditationReinstated');
    return {
      subject: c.t('Akkreditierung wieder in Kraft', 'Accreditation reinstated'),
      blocks: [
        c.t(
          `die Akkreditierung von ${c.org} ist wieder in Kraft. Begründung: ${d.reason}`,
          `the accreditation of ${c.org} has been reinstated. Reason: ${d.reason}`,
        ),
      ],
      action: c.openCase(),
    };
  },

  accreditation_withdrawn: (c) => {
    const d = c.data('AccreditationWithdrawn');
    return {
      subject:
        c.input.role === 'organisation'
          ? c.t('Akkreditierung entzogen', 'Accreditation withdrawn')
          : c.t(`Akkreditierung entzogen: ${c.org}`, `Accreditation withdrawn: ${c.org}`),
      blocks: [
        c.t(
          `die Akkreditierung von ${c.org} wurde am ${c.dateTime(d.withdrawnAt)} entzogen. Grund: ${withdrawalReason(c, d)}. Das DIM-Zeichen darf nicht mehr verwendet werden.`,
          `the accreditation of ${c.org} was withdrawn on ${c.dateTime(d.withdrawnAt)}. Reason: ${withdrawalReason(c, d)}. The DIM label may no longer be used.`,
        ),
      ],
      action: c.openCase(),
    };
  },

  accreditation_expired: (c) => {
    const d = c.data('AccreditationExpired');
    return {
      subject: c.t(
        `Zertifikat ${d.certificateNumber} abgelaufen`,
        `Certificate ${d.certificateNumber} expired`,
      ),
      blocks: [
        c.t(
          `das Zertifikat ${d.certificateNumber} von ${c.org} ist am ${c.date(d.expiredAt)} abgelaufen. Das DIM-Zeichen darf nicht mehr verwendet werden.`,
          `certificate ${d.certificateNumber} of ${c.org} expired on ${c.date(d.expiredAt)}. The DIM label may no longer be used.`,
        ),
      ],
      action: c.openCase(),
    };
  },

  cycle_renewed: (c) => {
    const d = c.data('CycleRenewed');
    return {
      subject: c.t(
        `Neues Zertifikat ${d.certificateNumber} in Kraft`,
        `New certificate ${d.certificateNumber} in force`,
      ),
      blocks: [
        c.t(
          `das verlängerte Zertifikat ${d.certificateNumber} von ${c.org} gilt vom ${c.date(d.validFrom)} bis ${c.date(d.validUntil)}.`,
          `the renewed certificate ${d.certificateNumber} of ${c.org} is valid from ${c.date(d.validFrom)} until ${c.date(d.validUntil)}.`,
        ),
      ],
      action: c.openCase(),
    };
  },
};
