import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../shared/api/errors';
import { queryKeys } from '../shared/api/query-keys';

// Team mode: a 401 on any call means the sign-in is gone (signed out elsewhere, session expired).
// Refreshing /api/me makes the app shell (SessionGate) send the person to the sign-in page,
// which brings them back here afterwards; the page never shows the raw error. Sign-in calls
// themselves answer 401 for a wrong password: they say `meta: { authCall: true }`.
function onUnauthenticated(error: unknown, isMe: boolean, authCall: boolean) {
  if (!(error instanceof ApiError) || error.status !== 401 || isMe || authCall) return;
  void queryClient.invalidateQueries({ queryKey: queryKeys.me, exact: true });
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => onUnauthenticated(error, query.queryKey[0] === queryKeys.me[0], false),
  }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => onUnauthenticated(error, false, mutation.meta?.authCall === true),
  }),
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: true,
      // A 401 or 403 will not change by asking again.
      retry: (count, error) => !(error instanceof ApiError && (error.status === 401 || error.status === 403)) && count < 3,
    },
    mutations: { retry: false },
  },
});
