/**
 * The API answers every error as application/problem+json (RFC 9457) with a stable `type`, often a
 * `code`, and for invalid input `errors[{ field, message }]` (`field` like `body.organisation.name`).
 * The client turns every failed call into a `ProblemError` (see client.ts), so pages handle one
 * kind of error.
 */
export interface FieldError {
  field: string;
  /** The API's words (English). */
  message: string;
  /** The stable terms, for the page's own words: `too_big` with its `limit` and `origin`, … */
  code?: string;
  limit?: number;
  origin?: string;
  /** invalid_format: `email`, `regex`, `date`, … */
  format?: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

export class ProblemError extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: string;
  readonly errors: FieldError[];
  /** Seconds from a 429's Retry-After header. */
  readonly retryAfter?: number;

  constructor(body: ProblemBody, retryAfter?: number) {
    super(body.detail ?? body.title);
    this.name = 'ProblemError';
    this.type = body.type;
    this.title = body.title;
    this.status = body.status;
    this.detail = body.detail;
    this.code = body.code;
    this.errors = body.errors ?? [];
    this.retryAfter = retryAfter;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) =>
    isRecord(entry) && typeof entry.field === 'string' && typeof entry.message === 'string'
      ? [
          {
            field: entry.field,
            message: entry.message,
            ...(typeof entry.code === 'string' ? { code: entry.code } : {}),
            ...(typeof entry.limit === 'number' ? { limit: entry.limit } : {}),
            ...(typeof entry.origin === 'string' ? { origin: entry.origin } : {}),
            ...(typeof entry.format === 'string' ? { format: entry.format } : {}),
          },
        ]
      : [],
  );
}

/** Reads a failed response; a body that is not problem+json (a proxy's error page) still gives one. */
export async function problemFromResponse(response: Response): Promise<ProblemError> {
  const retryAfter = Number(response.headers.get('retry-after')) || undefined;
  let body: unknown;
  try {
    body = await response.clone().json();
  } catch {
    body = undefined;
  }
  if (isRecord(body) && typeof body.type === 'string' && typeof body.title === 'string') {
    return new ProblemError(
      {
        type: body.type,
        title: body.title,
        status: typeof body.status === 'number' ? body.status : response.status,
        detail: typeof body.detail === 'string' ? body.detail : undefined,
        code: typeof body.code === 'string' ? body.code : undefined,
        errors: fieldErrors(body.errors),
      },
      retryAfter,
    );
  }
  return new ProblemError(
    { type: 'about:blank', title: response.statusText || 'Error', status: response.status },
    retryAfter,
  );
}

/** The server could not be reached at all (offline, connection refused). */
export const networkProblem = () =>
  new ProblemError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' });

/** Any thrown value as a ProblemError (programming errors become a 0-status problem). */
export function asProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  return new ProblemError({
    type: 'about:blank',
    title: error instanceof Error ? error.message : 'Error',
    status: 0,
    code: 'client_error',
  });
}
