import { $api } from '../api/client';

/** `?asOf=` as the API takes it: an instant, or nothing for the case as it stands. */
const asOfQuery = (asOf: string | undefined) => (asOf ? { asOf } : {});

/** The case file as the signed-in person may see it, now or as of an instant. */
export function useCaseFile(accreditationId: string, asOf?: string) {
  return $api.useQuery('get', '/accreditations/{id}/file', {
    params: { path: { id: accreditationId }, query: asOfQuery(asOf) },
  });
}

/** The accreditation with its open tasks and timeline, now or as of an instant. */
export function useAccreditation(accreditationId: string, asOf?: string) {
  return $api.useQuery('get', '/accreditations/{id}', {
    params: { path: { id: accreditationId }, query: asOfQuery(asOf) },
  });
}

/** A catalogue edition (requirement texts in German and English); it never changes. */
export function useCatalogue(edition: string | undefined) {
  return $api.useQuery(
    'get',
    '/catalogue/{edition}',
    { params: { path: { edition: edition ?? '' } } },
    { enabled: edition !== undefined, staleTime: Number.POSITIVE_INFINITY },
  );
}
