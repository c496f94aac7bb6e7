import { Alert, Code, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { $api } from '../../api/client';
import { asProblem } from '../../api/problem';
import { PageLoader } from '../../app/PageLoader';
import { usePageTitle } from '../../app/page-title';
import { DecisionDossier } from '../../case-file/DecisionDossier';
import { Facts } from '../../case-file/Facts';
import { CaseLookupProvider } from '../../case-file/lookup';
import { useCatalogue } from '../../case-file/queries';
import { useStamps } from '../../case-file/stamp';
import type { Catalogue, Dossier } from '../../case-file/types';
import { ProblemAlert } from '../../forms/ProblemAlert';

function DossierFacts({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation('decisionSteps');
  const { stamp } = useStamps();
  const { decision } = dossier;
  return (
    <Stack gap="sm">
      <Facts
        rows={[
          [
            t('dossierPage.decision'),
            decision.outcome === 'granted' ? t('dossierPage.granted') : t('dossierPage.refused'),
          ],
          [t('dossierPage.decided'), stamp(decision.at, decision.by)],
          [t('dossierPage.version'), t('dossierPage.versionValue', { version: dossier.version })],
          [
            t('dossierPage.hash'),
            <Code key="hash" style={{ overflowWrap: 'anywhere' }}>
              {dossier.sha256}
            </Code>,
          ],
        ]}
      />
      <Alert color={dossier.verified ? 'green' : 'red'} variant="light" role="status">
        {dossier.verified ? t('dossierPage.verified') : t('dossierPage.altered')}
      </Alert>
    </Stack>
  );
}

function DossierContent({ dossier, catalogue }: { dossier: Dossier; catalogue: Catalogue }) {
  const { t } = useTranslation('decisionSteps');
  const view = dossier.dossier;
  const procedure = view.file.procedures.at(-1);
  return (
    <CaseLookupProvider view={view} catalogue={catalogue}>
      <Stack gap="lg">
        <DossierFacts dossier={dossier} />
        {procedure ? (
          <DecisionDossier
            accreditationId={dossier.accreditationId}
            procedure={procedure}
            catalogue={catalogue}
          />
        ) : (
          <Text>{t('dossierPage.noProcedure')}</Text>
        )}
      </Stack>
    </CaseLookupProvider>
  );
}

/**
 * `/accreditations/{id}/decisions/{number}`: a past decision's dossier, the case file as the
 * decision maker saw it, frozen under its SHA-256 (staff and decision makers).
 */
export function Component() {
  const { t } = useTranslation('decisionSteps');
  const { id = '', number = '' } = useParams();
  const title = t('dossierPage.title', { number });
  usePageTitle(title);
  const dossier = $api.useQuery('get', '/accreditations/{id}/decisions/{number}/dossier', {
    params: { path: { id, number: Number(number) } },
  });
  const catalogue = useCatalogue(dossier.data?.dossier.file.edition);
  const error = dossier.error ?? catalogue.error;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{title}</Title>
        {dossier.data && <Text fw={600}>{dossier.data.dossier.file.organisationName}</Text>}
        <Text>{t('dossierPage.intro')}</Text>
      </Stack>
      {error && <ProblemAlert problem={asProblem(error)} />}
      {!error && (!dossier.data || !catalogue.data) && <PageLoader />}
      {dossier.data && catalogue.data && <DossierContent dossier={dossier.data} catalogue={catalogue.data} />}
    </Stack>
  );
}
