/** A small client of the HTTP API for the CLI: bearer token, JSON in and out, problems as errors. */
import type { Problem } from '../api/problems';

export type { Problem };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(`${problem.title}${problem.detail ? `: ${problem.detail}` : ''} (${status} ${problem.type})`);
  }
}

/** The API could not be reached at all. */
export class UnreachableError extends Error {}

export interface ApiClientOptions {
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
}

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  async request<T = unknown>(
    method: string,
    path: string,
    options: {
      body?: unknown;
      raw?: { content: Buffer; contentType: string };
      headers?: Record<string, string>;
    } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let body: string | Buffer | undefined;
    if (options.raw) {
      headers['content-type'] = options.raw.contentType;
      body = options.raw.content;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(new URL(path, this.options.baseUrl), {
        method,
        headers,
        body,
      });
    } catch (error) {
      throw new UnreachableError(
        `Cannot reach the API at ${this.options.baseUrl}: ${(error as Error).message}`,
      );
    }
    const text = await response.text();
    const parsed = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const problem =
        parsed && typeof parsed === 'object' && 'type' in parsed
          ? (parsed as Problem)
          : {
              type: 'about:blank',
              title: response.statusText,
              status: response.status,
              detail: text.slice(0, 200),
            };
      throw new ApiError(response.status, problem);
    }
    return parsed as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
