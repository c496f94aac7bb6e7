import { Divider, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../auth/contract';
import { AppealsView } from '../../case-file/AppealsView';
import { ComplaintsView } from '../../case-file/ComplaintsView';
import { ProcedureView } from '../../case-file/ProcedureView';
import { SurveillanceView } from '../../case-file/SurveillanceView';
import type { CaseFileView, Catalogue } from '../../case-file/types';
import { ScopeChangesView } from '../../scope-change/ScopeChangeFacts';

const readsDossiers = (user: SessionUser) => ['admin', 'staff', 'decision_maker'].includes(user.role);

/**
 * The case file (Akte) as the API serves it to the viewer: each procedure stage by stage, then
 * what followed the grant, then complaints (staff, and an investigator theirs).
 */
export function CaseFileSection({
  view,
  catalogue,
  user,
}: {
  view: CaseFileView;
  catalogue: Catalogue | undefined;
  user: SessionUser;
}) {
  const { t } = useTranslation('accreditation');
  const { file } = view;
  return (
    <Stack gap="lg" component="section" aria-labelledby="case-file">
      <Title order={2} id="case-file">
        {t('sections.caseFile')}
      </Title>
      {file.procedures.map((procedure) => (
        <ProcedureView
          key={procedure.number}
          procedure={procedure}
          accreditationId={view.accreditationId}
          catalogue={catalogue}
          linkDossier={readsDossiers(user)}
          order={3}
        />
      ))}
      <Divider />
      <SurveillanceView file={file} order={3} />
      <AppealsView
        accreditationId={view.accreditationId}
        file={file}
        order={3}
        organisation={user.role === 'organisation'}
      />
      <ScopeChangesView file={file} order={3} />
      <ComplaintsView complaints={file.complaints ?? []} order={3} />
    </Stack>
  );
}
