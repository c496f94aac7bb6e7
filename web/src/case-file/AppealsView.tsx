import { stepPagePath } from '@domain/step-pages';
import { Anchor, List, Paper, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type AppealableDecision, isOpenToAppeal, reasonsOf } from './appeals';
import { DocumentLinks } from './DocumentLinks';
import { Facts } from './Facts';
import { useCaseLookup } from './lookup';
import { useStamps } from './stamp';
import type { CaseFile } from './types';

function Reasons({ reasons, label }: { reasons: readonly string[]; label: string }) {
  const { t } = useTranslation('caseFile');
  if (reasons.length === 0) return <Text>{t('appeals.noReasons')}</Text>;
  return (
    <List spacing={2} aria-label={label}>
      {reasons.map((reason, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: reasons are a fixed list; two may read alike.
        <List.Item key={index}>{reason}</List.Item>
      ))}
    </List>
  );
}

/**
 * One decision open to appeal: what was decided, when, by whom and why; until when it may be
 * appealed; the appeal's grounds, who handles it and its outcome. `lodgeAt`: the link to appeal
 * it (the organisation, while the window is open).
 */
export function AppealedDecisionView({
  file,
  decision,
  order,
  lodgeAt,
}: {
  file: CaseFile;
  decision: AppealableDecision;
  order: TitleOrder;
  lodgeAt?: string;
}) {
  const { t } = useTranslation('caseFile');
  const { stamp, moment } = useStamps();
  const lookup = useCaseLookup();
  const { appeal } = decision;
  const against = t(`appeals.against.${decision.against}`);
  return (
    <Paper withBorder p="sm" data-appealable={decision.decisionId}>
      <Stack gap="xs">
        <Title order={order} size="h5">
          {t('appeals.heading', { against })}
        </Title>
        <Facts
          rows={[
            [t('appeals.decided'), stamp(decision.at, decision.decidedBy ?? null)],
            [
              t('appeals.reasons'),
              <Reasons key="reasons" reasons={reasonsOf(file, decision)} label={t('appeals.reasons')} />,
            ],
            !appeal && !decision.windowClosedAt && [t('appeals.until'), moment(decision.until)],
            !appeal &&
              decision.windowClosedAt && [t('appeals.windowClosed'), moment(decision.windowClosedAt)],
            appeal && [t('appeals.lodged'), stamp(appeal.lodgedAt, appeal.by)],
            appeal && [
              t('appeals.grounds'),
              <Stack key="grounds" gap={2} data-appeal-grounds>
                <Reasons reasons={appeal.reasons} label={t('appeals.grounds')} />
                {appeal.documentIds.length > 0 && <DocumentLinks ids={appeal.documentIds} />}
              </Stack>,
            ],
            appeal && !appeal.decision && [t('appeals.decideBy'), moment(appeal.decideBy)],
            appeal &&
              !appeal.decision && [
                t('appeals.handler'),
                appeal.handlerId ? lookup.person(appeal.handlerId) : t('appeals.noHandler'),
              ],
            appeal?.decision && [
              t('appeals.decision'),
              <Stack key="decision" gap={2} data-appeal-decision>
                <Text>
                  {t(`appeals.outcome.${appeal.decision.outcome}`)} (
                  {stamp(appeal.decision.at, appeal.decision.decidedBy)}) –{' '}
                  {t(`appeals.effect.${appeal.decision.effect}`)}
                </Text>
                <Reasons reasons={appeal.decision.reasons} label={t('appeals.decisionReasons')} />
              </Stack>,
            ],
          ]}
        />
        {lodgeAt && (
          <Anchor component={Link} to={lodgeAt}>
            {t('appeals.lodge', { date: moment(decision.until) })}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The case's decisions open to appeal and their appeals (rule set 4). `organisation`: the viewer
 * may appeal, so a decision whose window is open links to the appeal form.
 */
export function AppealsView({
  accreditationId,
  file,
  order,
  organisation,
}: {
  accreditationId: string;
  file: CaseFile;
  order: TitleOrder;
  organisation: boolean;
}) {
  const { t } = useTranslation('caseFile');
  const decisions = file.appeals ?? [];
  if (decisions.length === 0) return null;
  const now = Date.now();
  return (
    <Stack gap="sm">
      <Title order={order}>{t('appeals.title')}</Title>
      {decisions.map((decision) => (
        <AppealedDecisionView
          key={decision.decisionId}
          file={file}
          decision={decision}
          order={(order + 1) as TitleOrder}
          lodgeAt={
            organisation && isOpenToAppeal(decision, now)
              ? stepPagePath(accreditationId, 'LodgeAppeal', decision.decisionId)
              : undefined
          }
        />
      ))}
    </Stack>
  );
}
