import { z } from 'zod';

export const RoleSchema = z.enum(['admin', 'staff', 'decision_maker', 'auditor', 'organisation', 'system']);
export type Role = z.infer<typeof RoleSchema>;
