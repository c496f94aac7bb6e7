import { Alert, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';

/**
 * Stands where a page of issue 19 is not built yet, so its deep links (e-mails link to
 * `/tasks` and `/accreditations/{id}`) already open the application. Marked as such on screen.
 */
export function PlaceholderPage({ title }: { title: string }) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <Title order={1}>{title}</Title>
      <Alert color="gray" variant="light" data-placeholder-page>
        {t('placeholder.notice')}
      </Alert>
    </Stack>
  );
}
