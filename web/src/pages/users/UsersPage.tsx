import { rolesManagedBy, type UserRole, userRoles } from '@domain/roles';
import { Button, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { $api, api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { paths } from '../../api/schema';
import { formatDate } from '../../app/format';
import { PageLoader } from '../../app/PageLoader';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { type Column, ResponsiveTable } from '../../lists/ResponsiveTable';
import { InviteForm } from './InviteForm';

type ListedUser = paths['/users']['get']['responses'][200]['content']['application/json']['items'][number];

function ReinviteButton({ user, onSent }: { user: ListedUser; onSent: (email: string) => void }) {
  const { t } = useTranslation('users');
  const send = useMutation({
    mutationFn: () => api.POST('/users/{userId}/invitation', { params: { path: { userId: user.id } } }),
    onSuccess: () => onSent(user.email),
  });
  return (
    <Button
      size="compact-sm"
      variant="light"
      loading={send.isPending}
      aria-label={t('list.reinvite', { name: user.name })}
      onClick={() => send.mutate()}
    >
      {t('list.reinviteShort')}
    </Button>
  );
}

/** `/users` (admin, staff): the users, their sign-in state, a new invitation; inviting someone. */
export function Component() {
  const { t } = useTranslation('users');
  const { t: common } = useTranslation();
  usePageTitle(t('title'));
  const language = currentLanguage();
  const [params, setParams] = useSearchParams();
  const role = userRoles.find((each) => each === params.get('role')) ?? null;
  const me = useSession().data?.user.role;
  const [notice, setNotice] = useState<string | null>(null);
  const list = $api.useQuery('get', '/users', { params: { query: role ? { role } : {} } });
  const manages: readonly UserRole[] = me ? rolesManagedBy(me) : [];

  const columns: Column<ListedUser>[] = [
    { label: t('list.columns.name'), cell: (user) => user.name },
    {
      label: t('list.columns.email'),
      cell: (user) => <span style={{ overflowWrap: 'anywhere' }}>{user.email}</span>,
    },
    {
      label: t('list.columns.role'),
      cell: (user) =>
        `${common(`roles.${user.role}`)}${user.organisationName ? ` · ${user.organisationName}` : ''}`,
    },
    {
      label: t('list.columns.signIn'),
      cell: (user) =>
        t(`list.signIn.${user.signIn}`, {
          date: user.invitationExpiresAt ? formatDate(user.invitationExpiresAt, language) : '',
        }),
    },
    {
      label: t('list.columns.actions'),
      cell: (user) =>
        user.signIn !== 'active' && manages.includes(user.role) ? (
          <ReinviteButton user={user} onSent={(email) => setNotice(t('list.reinvited', { email }))} />
        ) : null,
    },
  ];

  return (
    <Stack gap="lg">
      <Title order={1}>{t('title')}</Title>
      {me && <InviteForm inviterRole={me} />}
      <Stack gap="sm" component="section" aria-labelledby="users-title">
        <Title order={2} size="h3" id="users-title">
          {t('list.title')}
        </Title>
        <Select
          label={t('list.role')}
          placeholder={t('list.anyRole')}
          data={userRoles.map((each) => ({ value: each, label: common(`roles.${each}`) }))}
          value={role}
          onChange={(value) => setParams(value ? { role: value } : {})}
          clearable
          maw="20rem"
        />
        {notice && <Text role="status">{notice}</Text>}
        {list.isPending && <PageLoader />}
        {list.error && <ProblemAlert problem={asProblem(list.error)} />}
        {list.data &&
          (list.data.items.length === 0 ? (
            <Text>{t('list.none')}</Text>
          ) : (
            <ResponsiveTable
              caption={t('list.caption')}
              columns={columns}
              rows={list.data.items}
              rowKey={(user) => user.id}
            />
          ))}
      </Stack>
    </Stack>
  );
}
