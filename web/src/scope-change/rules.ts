/**
 * What the web checks of a scope change before it is sent (the API has the last word): the
 * organisation may apply while its certificate is valid and no earlier change is undecided, for a
 * scope that is not the current one, with a reason.
 */
export interface ScopeChangeValues extends Record<string, unknown> {
  kind: 'extension' | 'reduction';
  scope: string;
  reason: string;
  [key: string]: unknown;
}

export function scopeChangeRules(currentScope: string, messages: { required: string; unchanged: string }) {
  return {
    scope: (value: string) => {
      if (!value.trim()) return messages.required;
      return value.trim() === currentScope.trim() ? messages.unchanged : null;
    },
    reason: (value: string) => (value.trim() ? null : messages.required),
  };
}

interface CaseStanding {
  status: string;
  certificate: unknown;
  scopeChanges?: readonly { decision: unknown }[];
}

/** The case page offers the organisation the change while the certificate is valid and none is open. */
export const mayApplyForScopeChange = ({ status, certificate, scopeChanges }: CaseStanding) =>
  status === 'accredited' &&
  certificate != null &&
  !(scopeChanges ?? []).some((change) => change.decision === null);
