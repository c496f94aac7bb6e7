/**
 * The one client of the API: openapi-fetch typed by the document the API serves (`npm run
 * web:client` generates schema.d.ts from it), TanStack Query hooks over it (`$api.useQuery('get',
 * '/register', { params })`, the query key is the request), and one middleware for what every call
 * needs: the session cookie (same origin), the CSRF header on writes, and errors as `ProblemError`.
 *
 * Every failed call throws a `ProblemError` — also through `$api`, whose error type names the
 * problem body: use `asProblem(error)` to read it.
 */
import createFetchClient, { type Middleware } from 'openapi-fetch';
import createQueryClient from 'openapi-react-query';
import type { AuthContractPaths } from '../auth/contract';
import { networkProblem, ProblemError, problemFromResponse } from './problem';
import type { paths } from './schema';

export type ApiPaths = paths & AuthContractPaths;

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from sign-in or `GET /auth/session`); `null` after sign-out. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** The session's CSRF token, for a write the client does not send itself (an upload with progress). */
export const currentCsrfToken = () => csrfToken;

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export const apiMiddleware: Middleware = {
  onRequest({ request }) {
    if (!request.headers.has('accept')) request.headers.set('accept', 'application/json');
    if (!safeMethods.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  async onResponse({ response }) {
    if (!response.ok) throw await problemFromResponse(response);
    return undefined;
  },
  onError({ error }) {
    return error instanceof ProblemError ? error : networkProblem();
  },
};

export const api = createFetchClient<ApiPaths>({
  baseUrl: globalThis.location?.origin ?? '',
  credentials: 'same-origin',
});
api.use(apiMiddleware);

export const $api = createQueryClient(api);
