import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { AppShell } from './components/app-shell';
import { ErrorBoundary } from './components/error-boundary';
import { Loading } from './components/ui/states';
import { useSession } from './lib/auth';
import { matchPath, navigate, useLocation } from './lib/router';
import { LoginPage } from './pages/login';

// Every page but login is its own chunk: the first load carries the shell, and the charts
// (Recharts) only arrive with the pages that draw them.
const named = <K extends string>(load: () => Promise<Record<K, ComponentType<{ params: Record<string, string> }>>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const routes: Array<{ path: string; page: ComponentType<{ params: Record<string, string> }> }> = [
  { path: '/', page: named(() => import('./pages/dashboard'), 'DashboardPage') },
  { path: '/devices', page: named(() => import('./pages/devices'), 'DevicesPage') },
  { path: '/devices/:id', page: named(() => import('./pages/device/device-page'), 'DevicePage') },
  { path: '/software', page: named(() => import('./pages/software'), 'SoftwarePage') },
  { path: '/settings', page: named(() => import('./pages/settings/settings-page'), 'SettingsPage') },
  { path: '/settings/:section', page: named(() => import('./pages/settings/settings-page'), 'SettingsPage') },
];

const AcceptInvitePage = named(() => import('./pages/accept-invite'), 'AcceptInvitePage');

export function App() {
  const { pathname, search } = useLocation();
  const signedIn = Boolean(useSession());

  if (pathname === '/login') return <LoginPage />;
  if (pathname === '/accept-invite') {
    return (
      <Suspense fallback={<Loading />}>
        <AcceptInvitePage params={{}} />
      </Suspense>
    );
  }
  if (!signedIn) return <Redirect to={`/login?next=${encodeURIComponent(pathname + search)}`} />;

  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    const Page = route.page;
    return (
      <AppShell>
        {/* Keyed by path: an error on one page does not follow the user to the next. */}
        <ErrorBoundary key={pathname}>
          <Suspense fallback={<Loading rows={8} />}>
            <Page params={params} />
          </Suspense>
        </ErrorBoundary>
      </AppShell>
    );
  }
  return (
    <AppShell>
      <div className="p-10 text-center">
        <h1 className="text-lg font-semibold">Page not found</h1>
        <p className="mt-2 text-sm text-muted-foreground">There is nothing at {pathname}.</p>
      </div>
    </AppShell>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
