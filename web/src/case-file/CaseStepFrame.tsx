import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asProblem } from '../api/problem';
import { PageLoader } from '../app/PageLoader';
import { usePageTitle } from '../app/page-title';
import { ProblemAlert } from '../forms/ProblemAlert';
import { CaseLookupProvider } from './lookup';
import { useCaseFile, useCatalogue } from './queries';
import type { CaseFileView, Catalogue, Procedure } from './types';

export interface StepCase {
  view: CaseFileView;
  catalogue: Catalogue;
  /** The procedure under way (the last one). */
  procedure: Procedure | undefined;
}

/**
 * The frame of a step form on a case: its title, the case it concerns, and the case file and
 * catalogue the form reads (with names and texts to look up), loaded before the form shows.
 */
export function CaseStepFrame({
  accreditationId,
  title,
  intro,
  children,
}: {
  accreditationId: string;
  title: string;
  intro?: string;
  children: (stepCase: StepCase) => ReactNode;
}) {
  const { t } = useTranslation('caseFile');
  usePageTitle(title);
  const caseFile = useCaseFile(accreditationId);
  const catalogue = useCatalogue(caseFile.data?.file.edition);
  const error = caseFile.error ?? catalogue.error;
  const view = caseFile.data;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{title}</Title>
        {intro && <Text maw="75ch">{intro}</Text>}
      </Stack>
      {error && <ProblemAlert problem={asProblem(error)} />}
      {!error && (!view || !catalogue.data) && <PageLoader />}
      {/* The case line comes with the form, not before it: nothing above moves once it loads. */}
      {view && catalogue.data && (
        <CaseLookupProvider view={view} catalogue={catalogue.data}>
          <Text fw={600}>
            {t('caseLine', { organisation: view.file.organisationName, scope: view.file.scope })}
          </Text>
          {children({ view, catalogue: catalogue.data, procedure: view.file.procedures.at(-1) })}
        </CaseLookupProvider>
      )}
    </Stack>
  );
}
