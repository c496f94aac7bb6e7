import { Alert, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { asProblem } from '../../api/problem';
import { formatMoment } from '../../app/format';
import { PageLoader } from '../../app/PageLoader';
import { usePageTitle } from '../../app/page-title';
import type { SessionUser } from '../../auth/contract';
import { useSession } from '../../auth/session';
import { CaseLookupProvider } from '../../case-file/lookup';
import { useAccreditation, useCaseFile, useCatalogue } from '../../case-file/queries';
import type { Accreditation, CaseFileView, Catalogue } from '../../case-file/types';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { ComplianceSection } from '../compliance/ComplianceSection';
import { AsOfPicker } from './AsOfPicker';
import { CalendarSection } from './CalendarSection';
import { CaseFileSection } from './CaseFileSection';
import { CaseHeader } from './CaseHeader';
import { CaseTasks } from './CaseTasks';
import { DocumentsSection } from './DocumentsSection';
import { OrganisationActions } from './OrganisationActions';
import { StaffActions } from './StaffActions';
import { TimelineSection } from './TimelineSection';

const isStaff = (user: SessionUser) => user.role === 'admin' || user.role === 'staff';

function CasePage({
  accreditation,
  view,
  catalogue,
  user,
  asOf,
}: {
  accreditation: Accreditation;
  view: CaseFileView;
  catalogue: Catalogue | undefined;
  user: SessionUser;
  asOf: string | undefined;
}) {
  const { t } = useTranslation('accreditation');
  return (
    <CaseLookupProvider view={view} catalogue={catalogue}>
      <Stack gap="xl">
        <CaseHeader accreditation={accreditation} view={view} />
        <AsOfPicker key={asOf ?? 'now'} asOf={asOf} />
        {asOf && (
          <Alert color="blue" variant="light" role="status" data-as-of>
            {t('asOf.banner', { date: formatMoment(asOf, currentLanguage()), events: view.version })}
          </Alert>
        )}
        <CaseTasks tasks={accreditation.openTasks} user={user} pastView={asOf !== undefined} />
        {isStaff(user) && !asOf && (
          <StaffActions accreditation={accreditation} organisationName={view.file.organisationName} />
        )}
        {user.role === 'organisation' && !asOf && (
          <OrganisationActions accreditation={accreditation} file={view.file} />
        )}
        <CaseFileSection view={view} catalogue={catalogue} user={user} />
        <DocumentsSection documents={view.documents} />
        <CalendarSection accreditationId={accreditation.id} pastView={asOf !== undefined} />
        {user.role !== 'auditor' && !asOf && <ComplianceSection accreditationId={accreditation.id} />}
        <TimelineSection entries={accreditation.timeline} />
      </Stack>
    </CaseLookupProvider>
  );
}

/**
 * `/accreditations/{id}[?asOf=<instant>]`: the accreditation page every role opens (the e-mails'
 * deep links land here): the case, its open tasks, the case file as the API serves it to the
 * viewer, its documents, calendar and timeline — now, or as it stood at an instant.
 */
export function Component() {
  const { t } = useTranslation('accreditation');
  const id = useParams().id ?? '';
  const asOf = useSearchParams()[0].get('asOf') ?? undefined;
  const user = useSession().data?.user;
  const accreditation = useAccreditation(id, asOf);
  const caseFile = useCaseFile(id, asOf);
  const catalogue = useCatalogue(caseFile.data?.file.edition);
  usePageTitle(
    caseFile.data ? t('title', { organisation: caseFile.data.file.organisationName }) : t('loadingTitle'),
  );
  const error = accreditation.error ?? caseFile.error;
  const problem = error ? asProblem(error) : null;

  if (problem?.status === 404 && !asOf) {
    return (
      <Stack gap="lg">
        <Title order={1}>{t('loadingTitle')}</Title>
        <Text role="status">{t('notFound')}</Text>
      </Stack>
    );
  }
  if (problem) {
    return (
      <Stack gap="lg">
        <Title order={1}>{t('loadingTitle')}</Title>
        <ProblemAlert problem={problem} />
        <AsOfPicker asOf={asOf} />
      </Stack>
    );
  }
  if (!accreditation.data || !caseFile.data || !user || catalogue.isPending) return <PageLoader />;
  return (
    <CasePage
      accreditation={accreditation.data}
      view={caseFile.data}
      catalogue={catalogue.data}
      user={user}
      asOf={asOf}
    />
  );
}
