import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/** A page that failed to load (e.g. its code after a deployment): say so and offer a reload. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Container size="sm" py="xl">
      <Stack gap="md" role="alert">
        <Title order={1}>{t('routeError.title')}</Title>
        <Text>{error instanceof Error ? error.message : String(error)}</Text>
        <Button onClick={() => window.location.reload()} w="fit-content">
          {t('routeError.reload')}
        </Button>
      </Stack>
    </Container>
  );
}
