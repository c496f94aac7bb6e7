import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../app/format';
import { currentLanguage } from '../../i18n';
import type { PortalCase } from './portal-model';

/** The certificates of the organisation's cases: validity, the printable certificate, the register. */
export function PortalCertificates({ cases }: { cases: PortalCase[] }) {
  const { t } = useTranslation('portal');
  const language = currentLanguage();
  const certificates = cases.flatMap(({ certificate }) => (certificate ? [certificate] : []));
  return (
    <Stack gap="sm" component="section" aria-labelledby="portal-certificates">
      <Title order={2} id="portal-certificates">
        {t('certificates.title')}
      </Title>
      {certificates.length === 0 && <Text>{t('certificates.none')}</Text>}
      {certificates.length > 0 && (
        <Stack component="ul" gap="sm" p={0} m={0}>
          {certificates.map((certificate) => {
            const number = encodeURIComponent(certificate.number);
            return (
              <Paper component="li" key={certificate.number} withBorder p="md" style={{ listStyle: 'none' }}>
                <Stack gap={4}>
                  <Anchor component={Link} to={`/certificates/${number}`} fw={600}>
                    {t('certificates.show', { number: certificate.number })}
                  </Anchor>
                  {certificate.validFrom && certificate.validUntil && (
                    <Text size="sm">
                      {t('certificates.validity', {
                        from: formatDate(certificate.validFrom, language),
                        until: formatDate(certificate.validUntil, language),
                      })}
                    </Text>
                  )}
                  <Anchor component={Link} to={`/register/${number}`} size="sm">
                    {t('certificates.register')}
                  </Anchor>
                </Stack>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
