import { Anchor, List, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Facts } from './Facts';
import { useStamps } from './stamp';
import type { Procedure } from './types';

/** The page of a decision's dossier (the frozen case file the decision maker saw). */
export const dossierPagePath = (accreditationId: string, number: number) =>
  `/accreditations/${accreditationId}/decisions/${number}`;

/** Granted or refused, by whom, with the reasons and the certificate; the dossier linked for DIM. */
export function DecisionView({
  procedure,
  accreditationId,
  linkDossier,
  order,
}: {
  procedure: Procedure;
  accreditationId: string;
  /** Staff and decision makers may read dossiers. */
  linkDossier: boolean;
  order: TitleOrder;
}) {
  const { t } = useTranslation('caseFile');
  const { stamp } = useStamps();
  const { decision } = procedure;
  return (
    <Stack gap="sm">
      <Title order={order}>{t('decision.title')}</Title>
      {!decision && <Text>{t('decision.pending')}</Text>}
      {decision && (
        <>
          <Facts
            rows={[
              [
                t('decision.outcome'),
                decision.outcome === 'granted' ? t('decision.granted') : t('decision.refused'),
              ],
              [t('decision.decided'), stamp(decision.at, decision.by)],
              decision.certificateNumber && [t('decision.certificate'), decision.certificateNumber],
              decision.reasons.length > 0 && [
                t('decision.reasons'),
                <List key="reasons" size="sm">
                  {decision.reasons.map((reason) => (
                    <List.Item key={reason}>{reason}</List.Item>
                  ))}
                </List>,
              ],
            ]}
          />
          {linkDossier && decision.dossier && (
            <Anchor component={Link} to={dossierPagePath(accreditationId, decision.number)}>
              {t('decision.dossier', { number: decision.number })}
            </Anchor>
          )}
        </>
      )}
    </Stack>
  );
}
