import type { Role } from '../auth/contract';
import type { common } from '../i18n/common';

type NavigationKey = `navigation.${keyof typeof common.de.navigation}`;

interface NavigationItem {
  to: string;
  label: NavigationKey;
  /** Who sees the item: these roles, every signed-in person, or only someone not signed in. */
  shownTo: readonly Role[] | 'signed-in' | 'signed-out' | 'everyone';
}

const staff: readonly Role[] = ['admin', 'staff', 'decision_maker'];

/** The main navigation, in order. */
export const navigation: readonly NavigationItem[] = [
  { to: '/', label: 'navigation.dashboard', shownTo: staff },
  { to: '/', label: 'navigation.dashboard', shownTo: ['organisation'] },
  { to: '/accreditations', label: 'navigation.accreditations', shownTo: staff },
  { to: '/tasks', label: 'navigation.tasks', shownTo: 'signed-in' },
  { to: '/decisions', label: 'navigation.decisions', shownTo: staff },
  { to: '/users', label: 'navigation.users', shownTo: ['admin', 'staff'] },
  { to: '/compliance', label: 'navigation.compliance', shownTo: ['admin', 'staff'] },
  { to: '/complaints', label: 'navigation.complaints', shownTo: ['admin', 'staff'] },
  { to: '/register', label: 'navigation.register', shownTo: 'everyone' },
  { to: '/sign-in', label: 'navigation.signIn', shownTo: 'signed-out' },
];

export function navigationFor(role: Role | null): NavigationItem[] {
  return navigation.filter(({ shownTo }) => {
    if (shownTo === 'everyone') return true;
    if (shownTo === 'signed-out') return role === null;
    if (shownTo === 'signed-in') return role !== null;
    return role !== null && shownTo.includes(role);
  });
}
