import { Avatar, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../auth/contract';
import { useSignOut } from '../auth/session';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');

export function UserMenu({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <Menu position="bottom-end" width={240}>
      <Menu.Target>
        {/* The name from hidden text, not aria-label: the initials shown must not contradict it (WCAG 2.5.3). */}
        <UnstyledButton>
          <Avatar color="blue" radius="xl" size={36} aria-hidden>
            {initials(user.name)}
          </Avatar>
          <VisuallyHidden>{t('userMenu.label', { name: user.name })}</VisuallyHidden>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('userMenu.signedInAs')}</Menu.Label>
        <Text px="sm" fw={600}>
          {user.name}
        </Text>
        <Text px="sm" pb="xs" size="sm" c="dimmed">
          {user.email} · {t(`roles.${user.role}`)}
        </Text>
        <Menu.Divider />
        {/* Everything held about the signed-in person (DSGVO Art. 15), as the API's download. */}
        <Menu.Item component="a" href="/me/personal-data" download>
          {t('userMenu.personalData')}
        </Menu.Item>
        <Menu.Item onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {t('userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
