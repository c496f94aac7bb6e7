import { $api } from '../../api/client';
import type { paths } from '../../api/schema';

export type Complaint = paths['/complaints/{id}']['get']['responses'][200]['content']['application/json'];
/** A row of the list: the complaint without the complainant's contact and the case's follow-up. */
export type ComplaintSummary =
  paths['/complaints']['get']['responses'][200]['content']['application/json']['items'][number];
export type ComplaintStatus = Complaint['status'];

/**
 * The stages a complaint passes, in order (the API's `status` without the empty stream's `none`;
 * the domain's module is not one the web may import, so the list is checked against the API's type).
 */
export const complaintStatuses = [
  'received',
  'acknowledged',
  'under_investigation',
  'decided',
  'answered',
  'closed',
] as const satisfies readonly Exclude<ComplaintStatus, 'none'>[];

export const isComplaintStatus = (value: string): value is Exclude<ComplaintStatus, 'none'> =>
  (complaintStatuses as readonly string[]).includes(value);

/** Staff by id, for the investigator's name (GET /users: admin and staff read it). */
export function usePeople(): Map<string, string> {
  const people = $api.useQuery('get', '/users', { params: { query: { role: 'staff', limit: 500 } } });
  return new Map((people.data?.items ?? []).map((person) => [person.id, person.name]));
}
