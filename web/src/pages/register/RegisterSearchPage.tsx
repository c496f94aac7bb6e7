import { normaliseCertificateNumber } from '@domain/certificate-number';
import { Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Form, Link, useSearchParams } from 'react-router';
import { $api } from '../../api/client';
import { asProblem } from '../../api/problem';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { type RegisterEntry, StatusBadge } from './StatusBadge';

/** A typed certificate number is searched as one; anything else as part of an organisation's name. */
function searchFor(text: string) {
  const certificateNumber = normaliseCertificateNumber(text);
  return certificateNumber ? { certificateNumber } : { organisation: text };
}

function Results({ query, items }: { query: string; items: RegisterEntry[] }) {
  const { t } = useTranslation('register');
  const language = currentLanguage();
  if (items.length === 0) return <Text role="status">{t('results.none', { query })}</Text>;
  return (
    <Stack gap="sm">
      <Text role="status">{t('results.count', { count: items.length })}</Text>
      <Stack component="ul" gap="sm" p={0} m={0} aria-label={t('results.caption', { query })}>
        {items.map((entry) => (
          <Paper component="li" key={entry.certificateNumber} withBorder p="md" style={{ listStyle: 'none' }}>
            <Group justify="space-between" align="flex-start" gap="sm">
              <Stack gap={4} style={{ flex: '1 1 16rem', minWidth: 0 }}>
                <Title order={2} size="h4">
                  {entry.organisationName}
                </Title>
                <Anchor component={Link} to={`/register/${encodeURIComponent(entry.certificateNumber)}`}>
                  {entry.certificateNumber}
                </Anchor>
              </Stack>
              <StatusBadge status={entry.status} />
            </Group>
            <Text mt="xs" size="sm" style={{ overflowWrap: 'anywhere' }}>
              {t('certificate.scope')}: {entry.scope}
            </Text>
            <Text size="sm">
              {t('results.validity')}:{' '}
              {t('results.range', {
                from: formatDate(entry.validFrom, language),
                until: formatDate(entry.validUntil, language),
              })}
            </Text>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

/** `/register?q=…`: the public register (DIM 1002:2024 §7), no sign-in. Each search is a link. */
export function Component() {
  const { t } = useTranslation('register');
  const { t: complaints } = useTranslation('complaints');
  usePageTitle(t('title'));
  const query = (useSearchParams()[0].get('q') ?? '').trim();
  const search = $api.useQuery(
    'get',
    '/register',
    { params: { query: searchFor(query) } },
    { enabled: !!query },
  );

  return (
    <Stack gap="lg">
      <Title order={1}>{t('title')}</Title>
      <Text maw="70ch">{t('intro')}</Text>
      <Form method="get" action="/register" role="search">
        <Group align="flex-end" gap="sm">
          <TextInput
            name="q"
            key={query}
            defaultValue={query}
            label={t('search.label')}
            description={t('search.description')}
            style={{ flex: '1 1 18rem' }}
            maxLength={200}
          />
          <Button type="submit">{t('search.submit')}</Button>
        </Group>
      </Form>
      <div aria-live="polite" aria-busy={search.isFetching}>
        {search.error && <ProblemAlert problem={asProblem(search.error)} />}
        {search.data && <Results query={query} items={search.data.items} />}
      </div>
      <Anchor component={Link} to="/complaints/new">
        {complaints('form.fromRegister')}
      </Anchor>
    </Stack>
  );
}
