/**
 * The complaint form (`/complaints/new`) filled in with the organisation, and its certificate if it
 * holds one. A complaint is its own life cycle (rule set 7): the case's "Beschwerde erfassen" leads
 * there instead of to the in-case command, which new cases refuse.
 */
export function complaintFormPath(organisationName: string, certificateNumber?: string | null): string {
  const prefill = new URLSearchParams({ organisation: organisationName });
  if (certificateNumber) prefill.set('certificate', certificateNumber);
  return `/complaints/new?${prefill}`;
}
