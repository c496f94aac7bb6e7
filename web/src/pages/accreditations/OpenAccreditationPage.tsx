import { dim1002Edition2024, technicalAreaIds } from '@domain/catalogue';
import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { usePageTitle } from '../../app/page-title';
import { LanguageChoice } from '../../forms/LanguageChoice';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { useApiForm } from '../../forms/use-api-form';
import { currentLanguage } from '../../i18n';

type OpeningBody = paths['/accreditations']['post']['requestBody']['content']['application/json'];
type TechnicalArea = NonNullable<OpeningBody['technicalAreas']>[number];
const isTechnicalArea = (id: string): id is TechnicalArea =>
  (technicalAreaIds as readonly string[]).includes(id);

const emptyCase = {
  organisation: {
    name: '',
    address: { street: '', postalCode: '', city: '', country: 'DE' },
    contactEmail: '',
    language: 'de' as 'de' | 'en',
  },
  scope: '',
  technicalAreas: [] as string[],
};

/**
 * `/accreditations/new` (admin, staff): the organisation, its contact, the scope and the technical
 * areas. The API checks everything (its refusals appear at their fields); once open, the case page.
 */
export function Component() {
  const { t } = useTranslation('accreditations');
  usePageTitle(t('open.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  // One key for every try of this form: a repeated submission opens nothing twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const { form, onSubmit, problem, alertRef, pending } = useApiForm({
    initialValues: emptyCase,
    submit: async (values) => {
      const { data } = await api.POST('/accreditations', {
        params: { header: { 'idempotency-key': idempotencyKey } },
        body: { ...values, technicalAreas: values.technicalAreas.filter(isTechnicalArea) },
      });
      return data;
    },
    onSuccess: (opened) => {
      void queryClient.invalidateQueries();
      if (opened) void navigate(`/accreditations/${opened.id}`);
    },
  });

  return (
    <Stack gap="lg" maw="52rem">
      <Title order={1}>{t('open.title')}</Title>
      <Text>{t('open.intro')}</Text>
      {problem && <ProblemAlert ref={alertRef} problem={problem.problem} unplaced={problem.unplaced} />}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <Fieldset legend={t('open.organisation')}>
            <Stack gap="sm">
              <TextInput
                label={t('open.name')}
                required
                {...form.getInputProps('organisation.name')}
                key={form.key('organisation.name')}
              />
              <TextInput
                label={t('open.street')}
                required
                autoComplete="street-address"
                {...form.getInputProps('organisation.address.street')}
                key={form.key('organisation.address.street')}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <TextInput
                  label={t('open.postalCode')}
                  required
                  autoComplete="postal-code"
                  {...form.getInputProps('organisation.address.postalCode')}
                  key={form.key('organisation.address.postalCode')}
                />
                <TextInput
                  label={t('open.city')}
                  required
                  {...form.getInputProps('organisation.address.city')}
                  key={form.key('organisation.address.city')}
                />
                <TextInput
                  label={t('open.country')}
                  required
                  maxLength={40}
                  {...form.getInputProps('organisation.address.country')}
                  key={form.key('organisation.address.country')}
                />
              </SimpleGrid>
              <TextInput
                label={t('open.contactEmail')}
                type="email"
                required
                autoComplete="email"
                {...form.getInputProps('organisation.contactEmail')}
                key={form.key('organisation.contactEmail')}
              />
              <LanguageChoice
                form={form}
                field="organisation.language"
                id="open-language"
                label={t('open.language')}
              />
            </Stack>
          </Fieldset>
          <Fieldset legend={t('open.procedure')}>
            <Stack gap="sm">
              <Text size="sm">
                {t('open.edition')}: <strong>{dim1002Edition2024.edition}</strong>
              </Text>
              <Textarea
                label={t('open.scope')}
                description={t('open.scopeHint')}
                required
                autosize
                minRows={3}
                {...form.getInputProps('scope')}
                key={form.key('scope')}
              />
              <Checkbox.Group
                label={t('open.technicalAreas')}
                description={t('open.technicalAreasHint')}
                {...form.getInputProps('technicalAreas')}
                key={form.key('technicalAreas')}
              >
                <Stack gap="xs" mt="xs">
                  {dim1002Edition2024.technicalAreas.map((area) => (
                    <Checkbox key={area.id} value={area.id} label={area.text[language]} />
                  ))}
                </Stack>
              </Checkbox.Group>
            </Stack>
          </Fieldset>
          <Group>
            <Button type="submit" loading={pending}>
              {t('open.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
