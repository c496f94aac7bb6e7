import { Anchor, AppShell, Burger, Container, Group, NavLink } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, NavLink as RouterNavLink, useLocation, useMatch } from 'react-router';
import { useSession } from '../auth/session';
import { LanguageSwitch } from './LanguageSwitch';
import { navigationFor } from './navigation';
import { UserMenu } from './UserMenu';

function NavigationLink({ to, label }: { to: string; label: string }) {
  const active = useMatch({ path: to, end: to === '/' }) !== null;
  return <NavLink component={RouterNavLink} to={to} end={to === '/'} label={label} active={active} />;
}

/** After each navigation the main region takes focus, so a screen reader starts on the new page. */
function useFocusMainOnNavigation(main: React.RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    main.current?.focus();
  }, [pathname, main]);
}

/** From Mantine's `sm` (48em) on, the navigation stands beside the page. */
const navbarBreakpoint = 'sm';
const belowBreakpoint = '(max-width: 47.99em)';

/** The frame of every page: header with language and user menu, navigation by role, main region. */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  // Below the breakpoint the closed navigation is only moved off screen: take it out of the
  // keyboard order and the accessibility tree too.
  const narrow = useMediaQuery(belowBreakpoint, undefined, { getInitialValueInEffect: false });
  const user = useSession().data?.user ?? null;
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  useFocusMainOnNavigation(main);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the mobile navigation closes when the page changes.
  useEffect(close, [pathname]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: navbarBreakpoint, collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t('skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('navigation.close') : t('navigation.open')}
              aria-expanded={opened}
              aria-controls="app-navigation"
            />
            <Anchor component={Link} to="/" fw={700} c="inherit" underline="never">
              {t('appName')}
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            {user && <UserMenu user={user} />}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p="sm"
        id="app-navigation"
        aria-label={t('navigation.label')}
        inert={narrow && !opened}
      >
        {navigationFor(user?.role ?? null).map((item) => (
          <NavigationLink key={item.to} to={item.to} label={t(item.label)} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" ref={main} tabIndex={-1}>
        <Container size="lg" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
