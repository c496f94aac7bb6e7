import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The Set-Cookie headers, as sent. */
  setCookies: string[];
  contentType: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies ad hoc.
  body: any;
}

/**
 * One HTTP request from a chosen local address (127.0.0.2, 127.0.0.3, … are all loopback on
 * Linux), so that tests can be several clients at different addresses, as the API sees them.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; localAddress?: string } = {},
): Promise<RawResponse> {
  const url = new URL(path, baseUrl);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method,
        localAddress: options.localAddress,
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const contentType = res.headers['content-type'] ?? '';
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            setCookies: res.headers['set-cookie'] ?? [],
            contentType,
            body: contentType.includes('json') && text ? JSON.parse(text) : text,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * A person's browser, as far as the API can tell: it keeps the session cookie it is given and
 * sends it back; writes carry the CSRF token unless a test says otherwise.
 */
export class Browser {
  sessionId: string | undefined;
  csrfToken: string | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly localAddress?: string,
  ) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
    options: { csrfToken?: string | null; headers?: Record<string, string> } = {},
  ): Promise<RawResponse> {
    const csrfToken = options.csrfToken === undefined ? this.csrfToken : options.csrfToken;
    const headers: Record<string, string> = {
      ...(this.sessionId ? { cookie: `dim_session=${this.sessionId}` } : {}),
      ...(csrfToken && method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
      ...options.headers,
    };
    const response = await rawRequest(this.baseUrl, method, path, {
      body,
      headers,
      localAddress: this.localAddress,
    });
    for (const cookie of response.setCookies) {
      const [pair = ''] = cookie.split(';');
      const [name, value] = pair.split('=');
      if (name !== 'dim_session') continue;
      const cleared = value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie) || /max-age=0/i.test(cookie);
      this.sessionId = cleared ? undefined : value;
    }
    if (typeof response.body?.csrfToken === 'string') this.csrfToken = response.body.csrfToken;
    return response;
  }

  signIn(email: string, password: string): Promise<RawResponse> {
    return this.call('POST', '/auth/sign-in', { email, password });
  }
}

/** The token of the link to `path` in a message's text. */
export function linkToken(text: string, webUrl: string, path: string): string {
  const escaped = `${webUrl}${path}`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`${escaped}\\?token=([\\w%-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`No link to ${path} in:\n${text}`);
  return decodeURIComponent(match[1]);
}
