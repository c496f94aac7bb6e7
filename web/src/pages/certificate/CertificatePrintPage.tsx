import './certificate.css';
import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { $api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { paths } from '../../api/schema';
import { formatDate } from '../../app/format';
import { PageLoader } from '../../app/PageLoader';
import { usePageTitle } from '../../app/page-title';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { StatusBadge } from '../register/StatusBadge';

type Certificate =
  paths['/certificates/{certificateNumber}']['get']['responses'][200]['content']['application/json'];

const countryName = (code: string, language: string) =>
  new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;

/** The certificate as one sheet: holder, scope, number, validity, edition and the register link. */
function CertificateSheet({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation('certificate');
  const { t: tRegister } = useTranslation('register');
  const language = currentLanguage();
  const address = certificate.organisationAddress;
  const registerUrl = `${window.location.origin}${certificate.registerPath}`;
  const rows: [string, React.ReactNode][] = [
    [t('number'), certificate.certificateNumber],
    [t('edition'), certificate.edition],
    [t('validFrom'), formatDate(certificate.validFrom, language)],
    [t('validUntil'), formatDate(certificate.validUntil, language)],
    [
      t('status', { date: formatDate(new Date().toISOString(), language) }),
      <StatusBadge key="status" status={certificate.status} />,
    ],
  ];
  return (
    <Stack component="article" className="certificate-sheet" gap="md" aria-labelledby="certificate-title">
      <Text fw={600}>{t('institute')}</Text>
      <Title order={1} id="certificate-title">
        {t('title')}
      </Title>
      <Text>{t('confirms')}</Text>
      <Stack gap={2}>
        <Title order={2}>{certificate.organisationName}</Title>
        <Text>
          {address.street}, {address.postalCode} {address.city}, {countryName(address.country, language)}
        </Text>
      </Stack>
      <Text>{t('scopeLead')}</Text>
      <Text fw={600} size="lg">
        {certificate.scope}
      </Text>
      <Text>{t('accredited', { edition: certificate.edition })}</Text>
      {certificate.status !== 'valid' && (
        <Alert color="red" variant="light">
          {t('notValid', { status: tRegister(`status.${certificate.status}`) })}
        </Alert>
      )}
      <dl>
        {rows.map(([term, value]) => (
          <div key={term} style={{ display: 'contents' }}>
            <Text component="dt" fw={600}>
              {term}
            </Text>
            <Text component="dd">{value}</Text>
          </div>
        ))}
      </dl>
      <Stack gap={2}>
        <Text size="sm">{t('verifyHint')}</Text>
        <Anchor href={registerUrl} style={{ overflowWrap: 'anywhere' }}>
          {registerUrl}
        </Anchor>
      </Stack>
    </Stack>
  );
}

/** `/certificates/{number}`: the organisation's own certificate, to print (one A4 page) and publish. */
export function Component() {
  const { t } = useTranslation('certificate');
  const certificateNumber = useParams().certificateNumber ?? '';
  usePageTitle(t('pageTitle', { number: certificateNumber }));
  const certificate = $api.useQuery('get', '/certificates/{certificateNumber}', {
    params: { path: { certificateNumber } },
  });
  const problem = certificate.error ? asProblem(certificate.error) : null;

  return (
    <Stack gap="lg">
      <Group justify="space-between" data-print-hidden>
        <Anchor component={Link} to="/">
          {t('back')}
        </Anchor>
        {certificate.data && <Button onClick={() => window.print()}>{t('print')}</Button>}
      </Group>
      {certificate.isPending && <PageLoader />}
      {problem?.status === 404 && (
        <>
          <Title order={1}>{t('pageTitle', { number: certificateNumber })}</Title>
          <Text role="status">{t('notFound', { number: certificateNumber })}</Text>
        </>
      )}
      {problem && problem.status !== 404 && <ProblemAlert problem={problem} />}
      {certificate.data && (
        <>
          <Text size="sm" c="dimmed" data-print-hidden>
            {t('printHint')}
          </Text>
          <CertificateSheet certificate={certificate.data} />
        </>
      )}
    </Stack>
  );
}
