import type { SessionUser } from '../../auth/contract';

/** Who reads complaints (the API's `GET /complaints`: admin and staff). */
export const complaintReaders = ['admin', 'staff'] as const;

export const mayReadComplaints = (user: SessionUser | null | undefined) =>
  !!user && (complaintReaders as readonly string[]).includes(user.role);

/** Who records complaints and takes their steps (the API's step routes and the staff channel). */
export const mayActOnComplaints = (user: SessionUser | null | undefined) => user?.role === 'staff';
