import { type DocumentMediaType, mediaTypeOfFile } from '@domain/media-types';
import { currentCsrfToken } from '../../api/client';
import { networkProblem, type ProblemError, problemFromResponse } from '../../api/problem';
import type { paths } from '../../api/schema';

type StoredDocument = paths['/documents']['post']['responses'][201]['content']['application/json'];

/** A document uploaded for a step: its id (the SHA-256) for the step, its name and size to show. */
export interface UploadedDocument {
  id: string;
  name: string;
  size: number;
  mediaType: string;
}

/** The media type to upload a file as: by its name's ending, as the API accepts it, else the browser's. */
export const mediaTypeOf = (file: File): DocumentMediaType | string =>
  mediaTypeOfFile(file.name) ?? file.type;

function headersOf(request: XMLHttpRequest): Headers {
  const headers = new Headers();
  for (const line of request
    .getAllResponseHeaders()
    .trim()
    .split(/[\r\n]+/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return headers;
}

/**
 * `POST /documents` with the raw file, reporting progress (fetch cannot): XMLHttpRequest, with the
 * session cookie and CSRF token as the API client sends them. Rejects with a `ProblemError`.
 */
export function uploadDocument(
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadedDocument> {
  return new Promise((resolve, reject: (problem: ProblemError) => void) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/documents?filename=${encodeURIComponent(file.name.slice(0, 255))}`);
    request.withCredentials = true;
    request.setRequestHeader('content-type', mediaTypeOf(file));
    request.setRequestHeader('accept', 'application/json');
    const csrfToken = currentCsrfToken();
    if (csrfToken) request.setRequestHeader('x-csrf-token', csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(networkProblem());
    request.onabort = () => reject(networkProblem());
    request.onload = () => {
      const response = new Response(request.responseText, {
        status: request.status,
        headers: headersOf(request),
      });
      if (!response.ok) {
        void problemFromResponse(response).then(reject);
        return;
      }
      void (response.json() as Promise<StoredDocument>).then(
        (stored) =>
          resolve({ id: stored.id, name: file.name, size: stored.size, mediaType: stored.mediaType }),
        () => reject(networkProblem()),
      );
    };
    signal?.addEventListener('abort', () => request.abort());
    request.send(file);
  });
}
