import { Alert, Anchor, Stack, Title } from '@mantine/core';
import { type ComponentType, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageLoader } from '../../app/PageLoader';
import { usePageTitle } from '../../app/page-title';
import { type StepFormProps, stepForms, stepTypeOfSlug } from '../../steps/registry';

/**
 * `/accreditations/{id}/steps/{step}[?subject=…&task=…]`: the form of one step, as a task's action
 * or an e-mail's deep link opens it. After the step is recorded, back to the accreditation page.
 */
export function Component() {
  const { t } = useTranslation('step');
  const { id = '', step = '' } = useParams();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const stepType = stepTypeOfSlug(step);
  const load = stepForms[stepType];
  const [Form, setForm] = useState<ComponentType<StepFormProps> | null>(null);
  usePageTitle(t('title', { step: stepType }));

  useEffect(() => {
    let current = true;
    setForm(null);
    void load?.().then((module) => {
      if (current) setForm(() => module.Component);
    });
    return () => {
      current = false;
    };
  }, [load]);

  const back = `/accreditations/${id}`;
  return (
    <Stack gap="md">
      <Anchor component={Link} to={back} size="sm">
        {t('backToCase')}
      </Anchor>
      {!load && (
        <>
          <Title order={1}>{t('title', { step: stepType })}</Title>
          <Alert color="yellow">{t('unknown')}</Alert>
        </>
      )}
      {load && !Form && <PageLoader />}
      {Form && (
        <Form
          accreditationId={id}
          taskId={searchParams.get('task') ?? undefined}
          subjectId={searchParams.get('subject') ?? undefined}
          onDone={() => void navigate(back)}
        />
      )}
    </Stack>
  );
}
