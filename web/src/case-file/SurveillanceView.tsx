import { Paper, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DocumentLinks } from './DocumentLinks';
import { Facts } from './Facts';
import { useStamps } from './stamp';
import type { CaseFile } from './types';

type Order = { order: TitleOrder };

function Part({ title, order, children }: { title: string; children: React.ReactNode } & Order) {
  return (
    <Stack gap="sm">
      <Title order={order}>{title}</Title>
      {children}
    </Stack>
  );
}

function Certificates({ file, order }: { file: CaseFile } & Order) {
  const { t } = useTranslation('caseFile');
  const { moment } = useStamps();
  if (file.certificates.length === 0) return null;
  return (
    <Part title={t('certificates.title')} order={order}>
      {file.certificates.map((certificate) => (
        <Stack key={certificate.certificateNumber} gap={4}>
          <Title order={(order + 1) as TitleOrder} size="h5">
            {t('certificates.number', { number: certificate.certificateNumber })}
          </Title>
          <Facts
            rows={[
              [
                t('certificates.validity'),
                t('certificates.range', {
                  from: moment(certificate.validFrom),
                  until: moment(certificate.validUntil),
                }),
              ],
              [t('certificates.granted'), moment(certificate.grantedAt)],
              certificate.inForceSince && [t('certificates.inForce'), moment(certificate.inForceSince)],
              certificate.renewalWindowOpenedAt && [
                t('certificates.renewalWindow'),
                moment(certificate.renewalWindowOpenedAt),
              ],
              certificate.expiredAt && [t('certificates.expired'), moment(certificate.expiredAt)],
            ]}
          />
        </Stack>
      ))}
    </Part>
  );
}

type SelfAssessment = CaseFile['selfAssessments'][number];

/** One yearly Selbstbewertung: when due, reminders, what was submitted and how it was reviewed. */
export function SelfAssessmentView({ assessment, order }: { assessment: SelfAssessment } & Order) {
  const { t } = useTranslation('caseFile');
  const { stamp, moment } = useStamps();
  const findings = assessment.findingsToEvidence ?? [];
  const requirementOf = (findingId: string) =>
    findings.find((finding) => finding.findingId === findingId)?.requirementId ?? findingId;
  return (
    <Paper withBorder p="sm" data-self-assessment={assessment.selfAssessmentId}>
      <Title order={order} size="h5" mb={4}>
        {t('selfAssessments.heading', { date: moment(assessment.dueAt) })}
      </Title>
      <Facts
        rows={[
          [t('selfAssessments.opens'), moment(assessment.opensAt)],
          findings.length > 0 && [
            t('selfAssessments.findingsToEvidence'),
            <Stack key="findings" gap={2}>
              {findings.map((finding) => (
                <span key={finding.findingId}>
                  {finding.requirementId}: {finding.description}
                </span>
              ))}
            </Stack>,
          ],
          assessment.escalatedAt && [t('selfAssessments.escalated'), moment(assessment.escalatedAt)],
          assessment.reminders.length > 0 && [
            t('selfAssessments.reminders'),
            assessment.reminders.map((reminder) => moment(reminder.at)).join(' · '),
          ],
          ...assessment.submissions.map(
            (submission) =>
              [
                t('selfAssessments.submission'),
                <Stack key={submission.at} gap={2}>
                  <span>{stamp(submission.at, submission.by)}</span>
                  <span>{submission.statement}</span>
                  <DocumentLinks ids={submission.documentIds} />
                  {(submission.findingEvidence ?? []).map((evidence) => (
                    <Stack key={evidence.findingId} gap={2}>
                      <Text size="sm" fw={600}>
                        {t('selfAssessments.findingEvidence', {
                          requirement: requirementOf(evidence.findingId),
                        })}
                      </Text>
                      <span>{evidence.description}</span>
                      <DocumentLinks ids={evidence.documentIds} />
                    </Stack>
                  ))}
                </Stack>,
              ] as const,
          ),
          ...assessment.reviews.map(
            (review) =>
              [
                t('selfAssessments.review'),
                `${t(`selfAssessments.${review.outcome}`)}${review.comment ? `: ${review.comment}` : ''} (${stamp(
                  review.at,
                  review.by,
                )})`,
              ] as const,
          ),
        ]}
      />
      {assessment.submissions.length === 0 && <Text size="sm">{t('selfAssessments.notSubmitted')}</Text>}
    </Paper>
  );
}

function SelfAssessments({ file, order }: { file: CaseFile } & Order) {
  const { t } = useTranslation('caseFile');
  if (file.selfAssessments.length === 0) return null;
  return (
    <Part title={t('selfAssessments.title')} order={order}>
      {file.selfAssessments.map((assessment) => (
        <SelfAssessmentView
          key={assessment.selfAssessmentId}
          assessment={assessment}
          order={(order + 1) as TitleOrder}
        />
      ))}
    </Part>
  );
}

function Suspensions({ file, order }: { file: CaseFile } & Order) {
  const { t } = useTranslation('caseFile');
  const { stamp, moment } = useStamps();
  const proposals = file.suspensionProposals ?? [];
  return (
    <>
      {proposals.length > 0 && (
        <Part title={t('suspensionProposals.title')} order={order}>
          {proposals.map((proposal) => (
            <Facts
              key={proposal.proposalId}
              rows={[
                [t('suspensionProposals.proposed'), moment(proposal.at)],
                [t('suspensionProposals.reason'), proposal.reason],
                proposal.closed && [
                  t('suspensionProposals.closed'),
                  `${t(`suspensionProposals.how.${proposal.closed.how}`)}${
                    proposal.closed.reason ? `: ${proposal.closed.reason}` : ''
                  } (${stamp(proposal.closed.at, proposal.closed.by)})`,
                ],
              ]}
            />
          ))}
        </Part>
      )}
      {file.suspensions.length > 0 && (
        <Part title={t('suspensions.title')} order={order}>
          {file.suspensions.map((suspension) => (
            <Facts
              key={suspension.suspensionId}
              rows={[
                [t('suspensions.suspended'), stamp(suspension.at, suspension.by)],
                [t('suspensions.reason'), suspension.reason],
                !suspension.endedAt && [t('suspensions.reinstateBy'), moment(suspension.reinstateBy)],
                suspension.reinstatement && [
                  t('suspensions.reinstated'),
                  `${suspension.reinstatement.reason} (${stamp(
                    suspension.reinstatement.at,
                    suspension.reinstatement.by,
                  )})`,
                ],
                suspension.endedAt && [t('suspensions.ended'), moment(suspension.endedAt)],
              ]}
            />
          ))}
        </Part>
      )}
      {file.withdrawal && (
        <Part title={t('withdrawal.title')} order={order}>
          <Facts
            rows={[
              [t('withdrawal.withdrawn'), stamp(file.withdrawal.at, file.withdrawal.by)],
              [t('withdrawal.reason'), file.withdrawal.reason],
            ]}
          />
        </Part>
      )}
    </>
  );
}

/** After the grant: certificates, yearly Selbstbewertungen, suspensions and a withdrawal. */
export function SurveillanceView({ file, order }: { file: CaseFile } & Order) {
  return (
    <>
      <Certificates file={file} order={order} />
      <SelfAssessments file={file} order={order} />
      <Suspensions file={file} order={order} />
    </>
  );
}
