import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError, errorMessage, setSessionLostHandler } from './api/client';
import { App } from './app';
import { ErrorBoundary } from './components/error-boundary';
import { Toaster } from './components/ui/toaster';
import { navigate } from './lib/router';
import { showToast } from './lib/toast';
import './lib/theme';
import './index.css';

const queryClient = new QueryClient({
  // A page's first load shows its error inline; a background refresh that fails later, and every
  // failed action, raise a toast with the server's message (a 403 says which permission is missing).
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (query.state.data !== undefined && !isSessionEnd(error)) showToast({ kind: 'error', title: 'Could not refresh', message: errorMessage(error) });
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _onMutateResult, mutation) => {
      // A mutation with `meta: { errorShownInline: true }` shows its error itself (the CSV import lists the bad rows).
      if (!isSessionEnd(error) && mutation.meta?.errorShownInline !== true) showToast({ kind: 'error', title: 'That did not work', message: errorMessage(error) });
      // Refused: the role may have changed since the page loaded; show what it allows now.
      if (error instanceof ApiError && error.status === 403) void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: true,
      // Client errors (4xx) will not fix themselves: retry only network trouble and 5xx.
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
  },
});

function isSessionEnd(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'session_expired';
}

// The refresh token was refused: back to the login page, which brings the user back here afterwards.
setSessionLostHandler(() => {
  if (location.pathname === '/login') return;
  queryClient.clear();
  navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
      <Toaster />
    </QueryClientProvider>
  </StrictMode>,
);
