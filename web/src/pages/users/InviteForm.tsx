import { rolesManagedBy, type UserRole } from '@domain/roles';
import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, api } from '../../api/client';
import type { Role } from '../../auth/contract';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { useApiForm } from '../../forms/use-api-form';

/** The organisations staff can invite people of: those of the accreditations they see. */
function useOrganisations() {
  const list = $api.useQuery('get', '/accreditations', { params: { query: { limit: 200 } } });
  const byId = new Map(
    (list.data?.items ?? []).map((item) => [item.organisation.id, item.organisation.name]),
  );
  return [...byId].map(([value, label]) => ({ value, label }));
}

/** Invites a person in one of the roles the inviter may give; the API decides, its refusals at the fields. */
export function InviteForm({ inviterRole }: { inviterRole: Role }) {
  const { t } = useTranslation('users');
  const { t: common } = useTranslation();
  const queryClient = useQueryClient();
  const roles = rolesManagedBy(inviterRole);
  const organisations = useOrganisations();
  const [sent, setSent] = useState<string | null>(null);
  const { form, onSubmit, problem, alertRef, pending } = useApiForm({
    initialValues: {
      email: '',
      name: '',
      role: roles[0] ?? 'organisation',
      organisationId: '',
      language: 'de' as 'de' | 'en',
    },
    submit: async ({ organisationId, ...values }) => {
      const body = { ...values, ...(organisationId ? { organisationId } : {}) };
      const { data } = await api.POST('/users', { body });
      return data;
    },
    onSuccess: (_answer, values) => {
      setSent(values.email);
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ['get', '/users'] });
    },
  });
  form.watch('role', () => setSent(null));
  const roleLabel = (role: UserRole) => common(`roles.${role}`);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="invite-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="invite-title">
          {t('invite.title')}
        </Title>
        <Text size="sm">{t('invite.intro')}</Text>
        <Text size="sm">{t('invite.mayGive', { roles: roles.map(roleLabel).join(', ') })}</Text>
        {sent && (
          <Text role="status" c="green.9">
            {t('invite.sent', { email: sent })}
          </Text>
        )}
        {problem && <ProblemAlert ref={alertRef} problem={problem.problem} unplaced={problem.unplaced} />}
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <Group grow align="flex-start" wrap="wrap">
              <TextInput
                label={t('invite.name')}
                required
                style={{ minWidth: '14rem' }}
                {...form.getInputProps('name')}
                key={form.key('name')}
              />
              <TextInput
                label={t('invite.email')}
                type="email"
                required
                style={{ minWidth: '14rem' }}
                {...form.getInputProps('email')}
                key={form.key('email')}
              />
            </Group>
            <Group grow align="flex-start" wrap="wrap">
              <Select
                label={t('invite.role')}
                required
                allowDeselect={false}
                data={roles.map((role) => ({ value: role, label: roleLabel(role) }))}
                style={{ minWidth: '12rem' }}
                {...form.getInputProps('role')}
                key={form.key('role')}
              />
              <Select
                label={t('invite.organisation')}
                description={t('invite.organisationHint')}
                data={organisations}
                searchable
                clearable
                style={{ minWidth: '14rem' }}
                {...form.getInputProps('organisationId')}
                key={form.key('organisationId')}
              />
              <Select
                label={t('invite.language')}
                allowDeselect={false}
                data={[
                  { value: 'de', label: 'Deutsch' },
                  { value: 'en', label: 'English' },
                ]}
                style={{ minWidth: '8rem' }}
                {...form.getInputProps('language')}
                key={form.key('language')}
              />
            </Group>
            <Group>
              <Button type="submit" loading={pending}>
                {t('invite.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
