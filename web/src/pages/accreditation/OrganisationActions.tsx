import { stepPagePath } from '@domain/step-pages';
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Accreditation, CaseFile } from '../../case-file/types';
import { mayApplyForScopeChange } from '../../scope-change/rules';

/** What an organisation may start on its own case outside any task: a change of its certificate's scope. */
export function OrganisationActions({
  accreditation,
  file,
}: {
  accreditation: Accreditation;
  file: CaseFile;
}) {
  const { t } = useTranslation('scopeChange');
  const { status, certificate } = accreditation;
  if (!mayApplyForScopeChange({ status, certificate, scopeChanges: file.scopeChanges })) return null;
  return (
    <Group gap="xs">
      <Button
        component={Link}
        to={stepPagePath(accreditation.id, 'ApplyScopeChange')}
        variant="default"
        size="sm"
      >
        {t('apply.link')}
      </Button>
    </Group>
  );
}
