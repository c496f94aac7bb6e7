import { Anchor, Button, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { $api } from '../../api/client';
import { asProblem } from '../../api/problem';
import { formatDate, formatDateTime } from '../../app/format';
import { PageLoader } from '../../app/PageLoader';
import { usePageTitle } from '../../app/page-title';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { type RegisterEntry, StatusBadge } from './StatusBadge';

function Entry({ entry }: { entry: RegisterEntry }) {
  const { t } = useTranslation('register');
  const { t: complaints } = useTranslation('complaints');
  const language = currentLanguage();
  const link = `${window.location.origin}/register/${encodeURIComponent(entry.certificateNumber)}`;
  const rows: [string, React.ReactNode][] = [
    [t('certificate.organisation'), entry.organisationName],
    [t('certificate.number'), entry.certificateNumber],
    [t('certificate.scope'), entry.scope],
    [t('results.status'), <StatusBadge key="status" status={entry.status} />],
    [t('certificate.validFrom'), formatDate(entry.validFrom, language)],
    [t('certificate.validUntil'), formatDate(entry.validUntil, language)],
  ];
  return (
    <Stack gap="lg">
      <Title order={1}>{entry.organisationName}</Title>
      <Text fw={600}>{t(`statusExplained.${entry.status}`)}</Text>
      <Stack component="dl" gap="xs" m={0}>
        {rows.map(([term, value]) => (
          <Group key={term} component="div" gap="xs" wrap="wrap">
            <Text component="dt" fw={600} w="13rem">
              {term}
            </Text>
            <Text component="dd" m={0}>
              {value}
            </Text>
          </Group>
        ))}
      </Stack>
      <Anchor
        component={Link}
        to={`/complaints/new?${new URLSearchParams({
          certificate: entry.certificateNumber,
          organisation: entry.organisationName,
        })}`}
      >
        {complaints('form.aboutThis')}
      </Anchor>
      <Text size="sm" c="dimmed">
        {t('certificate.asOf', { date: formatDateTime(new Date().toISOString(), language) })}
      </Text>
      <Stack gap={4}>
        <Text fw={600}>{t('certificate.link')}</Text>
        <Text size="sm">{t('certificate.linkHint')}</Text>
        <Group gap="sm" wrap="wrap">
          <Code style={{ overflowWrap: 'anywhere' }}>{link}</Code>
          <CopyButton value={link}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" onClick={copy}>
                {copied ? t('certificate.copied') : t('certificate.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Stack>
  );
}

/** `/register/{certificateNumber}`: the stable link an organisation may publish. */
export function Component() {
  const { t } = useTranslation('register');
  const certificateNumber = useParams().certificateNumber ?? '';
  usePageTitle(t('certificate.title', { number: certificateNumber }));
  const entry = $api.useQuery('get', '/register/{certificateNumber}', {
    params: { path: { certificateNumber } },
  });
  const problem = entry.error ? asProblem(entry.error) : null;

  return (
    <Stack gap="lg">
      {entry.isPending && <PageLoader />}
      {problem?.status === 404 && (
        <>
          <Title order={1}>{t('certificate.title', { number: certificateNumber })}</Title>
          <Text role="status">{t('certificate.notFound', { number: certificateNumber })}</Text>
        </>
      )}
      {problem && problem.status !== 404 && <ProblemAlert problem={problem} />}
      {entry.data && <Entry entry={entry.data} />}
      <Anchor component={Link} to="/register">
        {t('certificate.back')}
      </Anchor>
    </Stack>
  );
}
