/**
 * The sign-in routes as agreed in the sign-in contract (CONTRACT-signin.md), in the shape
 * openapi-typescript generates. They stand in for the generated types until the API documents
 * these routes in /openapi.json; then this file goes, and `ApiPaths` in api/client.ts is `paths`.
 * While both exist their types are intersected, so a disagreement shows as a type error.
 */
import type { ProblemBody } from '../api/problem';

export type Role = 'admin' | 'staff' | 'decision_maker' | 'auditor' | 'organisation';

export interface SessionUser {
  userId: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  language: 'de' | 'en';
}

export interface SessionAnswer {
  user: SessionUser;
  /** `null` for bearer-token sessions (which need no CSRF header). */
  csrfToken: string | null;
}

type NoParameters = { query?: never; header?: never; path?: never; cookie?: never };
type Headers = { [name: string]: unknown };
type JsonResponse<T> = { headers: Headers; content: { 'application/json': T } };
type Problem = { headers: Headers; content: { 'application/problem+json': ProblemBody } };
type Empty = { headers: Headers; content?: never };
type JsonBody<T> = { content: { 'application/json': T } };

type Post<Body, Responses> = { parameters: NoParameters; requestBody: JsonBody<Body>; responses: Responses };
type PostWithoutBody<Responses> = { parameters: NoParameters; requestBody?: never; responses: Responses };

type PathItem<Operations> = { parameters: NoParameters } & Operations;

export interface AuthContractPaths {
  '/auth/sign-in': PathItem<{
    post: Post<
      { email: string; password: string },
      { 200: JsonResponse<SessionAnswer>; 400: Problem; 401: Problem; 429: Problem }
    >;
  }>;
  '/auth/session': PathItem<{
    get: {
      parameters: NoParameters;
      requestBody?: never;
      responses: { 200: JsonResponse<SessionAnswer>; 401: Problem };
    };
  }>;
  '/auth/sign-out': PathItem<{ post: PostWithoutBody<{ 204: Empty; 401: Problem; 403: Problem }> }>;
  '/auth/invitations/accept': PathItem<{
    post: Post<{ token: string; password: string }, { 200: JsonResponse<SessionAnswer>; 400: Problem }>;
  }>;
  '/auth/password-reset': PathItem<{ post: Post<{ email: string }, { 202: Empty; 400: Problem }> }>;
  '/auth/password-reset/confirm': PathItem<{
    post: Post<{ token: string; password: string }, { 200: JsonResponse<SessionAnswer>; 400: Problem }>;
  }>;
}
