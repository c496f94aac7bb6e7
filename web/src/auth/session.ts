import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, setCsrfToken } from '../api/client';
import { asProblem } from '../api/problem';
import { adoptLanguage } from '../i18n';
import type { SessionAnswer } from './contract';

export const sessionQueryKey = ['auth', 'session'] as const;

/** The signed-in person, or null. 401 is "not signed in"; 404 is an API without cookie sessions. */
async function fetchSession(): Promise<SessionAnswer | null> {
  try {
    const { data } = await api.GET('/auth/session');
    setCsrfToken(data?.csrfToken ?? null);
    return data ?? null;
  } catch (error) {
    const problem = asProblem(error);
    if (problem.status !== 401 && problem.status !== 404) throw problem;
    setCsrfToken(null);
    return null;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 60_000, retry: false });
}

/** After sign-in, accepting an invitation or a password reset: the answer is the new session. */
export function useStartSession() {
  const queryClient = useQueryClient();
  return (answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    queryClient.setQueryData(sessionQueryKey, answer);
    adoptLanguage(answer.user.language);
  };
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.POST('/auth/sign-out'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, null);
      void navigate('/sign-in');
    },
  });
}
