/**
 * What the organisation's forms read of a case: its file (`GET /accreditations/{id}/file`, as the
 * organisation may see it) and the catalogue of its edition, with the lookups the forms share.
 */
import { $api } from '../../api/client';
import type { paths } from '../../api/schema';
import type { Language } from '../../i18n';

export type CaseFileView =
  paths['/accreditations/{id}/file']['get']['responses'][200]['content']['application/json'];
export type CaseFile = CaseFileView['file'];
export type Procedure = CaseFile['procedures'][number];
export type Finding = Procedure['findings'][number];
export type Catalogue = paths['/catalogue/{edition}']['get']['responses'][200]['content']['application/json'];
export type LocalisedText = Catalogue['requirements'][number]['text'];

export function useCaseFile(accreditationId: string) {
  return $api.useQuery('get', '/accreditations/{id}/file', { params: { path: { id: accreditationId } } });
}

/** The catalogue of the case's edition (it never changes: read once). */
export function useCatalogue(edition: string | undefined) {
  return $api.useQuery(
    'get',
    '/catalogue/{edition}',
    { params: { path: { edition: edition ?? '' } } },
    { enabled: edition !== undefined, staleTime: Number.POSITIVE_INFINITY },
  );
}

/** The procedure running now: the first application, or the latest renewal. */
export const currentProcedure = (file: CaseFile): Procedure | undefined => file.procedures.at(-1);

export const findRequest = (file: CaseFile, requestId: string | undefined) =>
  file.procedures
    .flatMap((procedure) => procedure.requests)
    .find((request) => request.requestId === requestId);

export const findFinding = (file: CaseFile, findingId: string | undefined): Finding | undefined =>
  file.procedures
    .flatMap((procedure) => procedure.findings)
    .find((finding) => finding.findingId === findingId);

export const findSelfAssessment = (file: CaseFile, selfAssessmentId: string | undefined) =>
  file.selfAssessments.find((selfAssessment) => selfAssessment.selfAssessmentId === selfAssessmentId);

export const personName = (view: CaseFileView, userId: string) =>
  view.people.find((person) => person.userId === userId)?.name;

/** A catalogue entry's text in the page's language, by id (the id itself if the catalogue lacks it). */
export function catalogueText(
  entries: readonly { id: string; text: LocalisedText }[],
  id: string,
  language: Language,
): string {
  return entries.find((entry) => entry.id === id)?.text[language] ?? id;
}
