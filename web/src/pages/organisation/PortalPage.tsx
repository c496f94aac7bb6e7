import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';
import { asProblem } from '../../api/problem';
import { PageLoader } from '../../app/PageLoader';
import { usePageTitle } from '../../app/page-title';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { PortalCases } from './PortalCases';
import { PortalCertificates } from './PortalCertificates';
import { PortalTasks } from './PortalTasks';

/**
 * `/` for an organisation's contact: its open tasks (each opening the form of its step), its cases
 * with their next deadline and what DIM waits for, and its certificates.
 */
export function OrganisationPortal() {
  const { t } = useTranslation('portal');
  usePageTitle(t('title'));
  // Fresh on every visit: the organisation comes back here after each step.
  const fresh = { staleTime: 0 };
  const cases = $api.useQuery('get', '/accreditations', { params: { query: { limit: 200 } } }, fresh);
  const tasks = $api.useQuery('get', '/tasks', { params: { query: { limit: 200 } } }, fresh);
  const problem = cases.error ?? tasks.error;

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1}>{t('title')}</Title>
        <Text maw="70ch">{t('intro')}</Text>
      </Stack>
      {problem && <ProblemAlert problem={asProblem(problem)} />}
      {(cases.isPending || tasks.isPending) && !problem && <PageLoader />}
      {cases.data && tasks.data && (
        <>
          <PortalTasks tasks={tasks.data.items} cases={cases.data.items} />
          <PortalCases cases={cases.data.items} tasks={tasks.data.items} />
          <PortalCertificates cases={cases.data.items} />
        </>
      )}
    </Stack>
  );
}

export { OrganisationPortal as Component, OrganisationPortal as default };
