/** The case file as `GET /accreditations/{id}/file` serves it (the generated client's types). */
import type { paths } from '../api/schema';

type Json<Path extends keyof paths, Method extends 'get'> = paths[Path][Method] extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

export type CaseFileView = Json<'/accreditations/{id}/file', 'get'>;
export type CaseFile = CaseFileView['file'];
export type Procedure = CaseFile['procedures'][number];
export type Finding = Procedure['findings'][number];
export type Request = Procedure['requests'][number];
export type CaseDocument = CaseFileView['documents'][number];
export type Person = CaseFileView['people'][number];
export type Catalogue = Json<'/catalogue/{edition}', 'get'>;
export type Accreditation = Json<'/accreditations/{id}', 'get'>;
export type CaseStatus = CaseFileView['status'];
export type Dossier = Json<'/accreditations/{id}/decisions/{number}/dossier', 'get'>;
