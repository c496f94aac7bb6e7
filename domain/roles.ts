/** Every role that can act, in the order the API lists them; `system` is the workflow itself (its timers). */
export const roles = ['admin', 'staff', 'decision_maker', 'auditor', 'organisation', 'system'] as const;
export type Role = (typeof roles)[number];

/** The roles a person (a user of the API and the CLI) can have: every role but `system`. */
export type UserRole = Exclude<Role, 'system'>;
export const userRoles: readonly UserRole[] = roles.filter((role): role is UserRole => role !== 'system');

/** The roles of the users a person may create and invite: administrators any, case managers (staff) organisations'. */
export function rolesManagedBy(role: Role): readonly UserRole[] {
  if (role === 'admin') return userRoles;
  if (role === 'staff') return ['organisation'];
  return [];
}
