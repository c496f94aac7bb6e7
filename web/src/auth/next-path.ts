/** A `next` parameter only ever leads to a page of this application (no open redirect). */
export function safeNextPath(next: string | null): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}
