import { defaultPolicy } from '@domain/policy';
import {
  Alert,
  Anchor,
  Button,
  Code,
  Fieldset,
  Group,
  List,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../auth/session';
import { LanguageChoice } from '../../forms/LanguageChoice';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { useApiForm } from '../../forms/use-api-form';
import { currentLanguage } from '../../i18n';
import { mayActOnComplaints } from './access';

/** The deadline a complainant is promised when the organisation's case names none of its own. */
const acknowledgementDays = defaultPolicy.complaintAcknowledgementDeadline.days ?? 14;

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

function Sent({ reference, staff, onAnother }: { reference: string; staff: boolean; onAnother: () => void }) {
  const { t } = useTranslation('complaints');
  return (
    <Stack gap="md" maw="44rem">
      <Title order={1}>{staff ? t('form.staffSentTitle') : t('form.sentTitle')}</Title>
      <Alert color="green" variant="light" role="status">
        <Text fw={600}>{t('form.reference')}</Text>
        <Code fz="md" style={{ overflowWrap: 'anywhere' }} data-reference>
          {reference}
        </Code>
        <Text size="sm" mt="xs">
          {t('form.referenceHint')}
        </Text>
      </Alert>
      <Title order={2}>{t('form.next')}</Title>
      <List type="ordered" spacing="xs">
        <List.Item>{t('form.nextAcknowledge', { count: acknowledgementDays })}</List.Item>
        <List.Item>{t('form.nextInvestigate')}</List.Item>
        <List.Item>{t('form.nextAnswer')}</List.Item>
      </List>
      <Group gap="sm">
        {staff && (
          <>
            <Button component={Link} to={`/complaints/${reference}`}>
              {t('form.openComplaint')}
            </Button>
            <Button component={Link} to="/complaints" variant="default">
              {t('form.toList')}
            </Button>
          </>
        )}
        <Anchor component="button" type="button" onClick={onAnother}>
          {t('form.another')}
        </Anchor>
      </Group>
    </Stack>
  );
}

/**
 * `/complaints/new[?organisation=…&certificate=…]`: anyone lodges a complaint without signing in
 * (the register's certificate page pre-fills the certificate); signed-in staff record one received
 * by letter or phone with the same form. The API's refusals show at their fields.
 */
export function Component() {
  const { t } = useTranslation('complaints');
  const [params] = useSearchParams();
  const staff = mayActOnComplaints(useSession().data?.user);
  usePageTitle(staff ? t('form.staffTitle') : t('form.title'));
  const queryClient = useQueryClient();
  const [reference, setReference] = useState<string | null>(null);
  const { form, onSubmit, problem, alertRef, pending } = useApiForm({
    initialValues: {
      name: '',
      email: '',
      language: currentLanguage() as 'de' | 'en',
      organisationName: params.get('organisation') ?? '',
      certificateNumber: params.get('certificate') ?? '',
      text: '',
    },
    submit: async ({ organisationName, certificateNumber, ...values }) => {
      const { data } = await api.POST('/complaints', {
        body: {
          ...values,
          organisationName: optional(organisationName),
          certificateNumber: optional(certificateNumber),
        },
      });
      return data;
    },
    onSuccess: (answer) => {
      void queryClient.invalidateQueries();
      if (answer) setReference(answer.reference);
    },
  });

  if (reference) {
    return (
      <Sent
        reference={reference}
        staff={staff}
        onAnother={() => {
          form.reset();
          setReference(null);
        }}
      />
    );
  }
  return (
    <Stack gap="lg" maw="44rem">
      <Title order={1}>{staff ? t('form.staffTitle') : t('form.title')}</Title>
      <Text>{staff ? t('form.staffIntro') : t('form.intro')}</Text>
      {problem && <ProblemAlert ref={alertRef} problem={problem.problem} unplaced={problem.unplaced} />}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <Fieldset legend={staff ? t('form.staffComplainant') : t('form.complainant')}>
            <Stack gap="sm">
              <TextInput
                label={t('form.name')}
                required
                autoComplete={staff ? 'off' : 'name'}
                {...form.getInputProps('name')}
                key={form.key('name')}
              />
              <TextInput
                label={t('form.email')}
                description={t('form.emailHint')}
                type="email"
                required
                autoComplete={staff ? 'off' : 'email'}
                {...form.getInputProps('email')}
                key={form.key('email')}
              />
              <LanguageChoice
                form={form}
                field="language"
                id="complaint-language"
                label={t('form.language')}
              />
            </Stack>
          </Fieldset>
          <Fieldset legend={t('form.about')}>
            <Stack gap="sm">
              <TextInput
                label={t('form.organisationName')}
                description={t('form.organisationHint')}
                {...form.getInputProps('organisationName')}
                key={form.key('organisationName')}
              />
              <TextInput
                label={t('form.certificateNumber')}
                description={t('form.certificateHint')}
                {...form.getInputProps('certificateNumber')}
                key={form.key('certificateNumber')}
              />
              <Textarea
                label={t('form.text')}
                description={t('form.textHint')}
                required
                autosize
                minRows={5}
                {...form.getInputProps('text')}
                key={form.key('text')}
              />
            </Stack>
          </Fieldset>
          {!staff && <Text size="sm">{t('form.privacy')}</Text>}
          <Group>
            <Button type="submit" loading={pending}>
              {staff ? t('form.staffSubmit') : t('form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
