import { QueryClient } from '@tanstack/react-query';
import { ApiError, onUnauthenticated } from '../shared/api/errors';
import { queryKeys } from '../shared/api/query-keys';

export const queryClient = new QueryClient({
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

// Team mode: a 401 on any call (a query, a mutation, a flow) means the sign-in is gone (signed
// out elsewhere, session expired). Refreshing /api/me makes the app shell (SessionGate) send the
// person to the sign-in page, which brings them back afterwards; no page shows the raw error.
// Not while /api/me is being asked (its own 401 lands here too), nor when it already said 401
// (e.g. a wrong password on the sign-in page).
onUnauthenticated(() => {
  const me = queryClient.getQueryState(queryKeys.me);
  if (!me || me.fetchStatus === 'fetching' || (me.error instanceof ApiError && me.error.status === 401)) return;
  void queryClient.invalidateQueries({ queryKey: queryKeys.me, exact: true });
});
