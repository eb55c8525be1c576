import { useEffect, useRef, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Boxes, LayoutDashboard, LogOut, Monitor, Moon, Package, Search, Settings, Sun } from 'lucide-react';
import { api } from '../api/client';
import { session } from '../api/session';
import { useLogout, useMe } from '../lib/auth';
import { useLiveUpdates, type LiveState } from '../lib/live';
import { Link, navigate, useLocation } from '../lib/router';
import { setTheme, useThemeChoice, type ThemeChoice } from '../lib/theme';
import { showToast } from '../lib/toast';
import { errorMessage } from '../api/client';
import { Select } from './ui/input';
import { cn } from './ui/cn';

const nav = [
  { to: '/', label: 'Dashboard', icon: LayoutDashboard, match: (p: string) => p === '/' },
  { to: '/devices', label: 'Devices', icon: Monitor, match: (p: string) => p.startsWith('/devices') },
  { to: '/software', label: 'Software', icon: Package, match: (p: string) => p.startsWith('/software') },
  { to: '/settings', label: 'Settings', icon: Settings, match: (p: string) => p.startsWith('/settings') },
];

export function AppShell({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const live = useLiveUpdates();
  useSlashToSearch();

  return (
    <div className="flex h-screen min-h-0 overflow-hidden">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-card focus:p-2">
        Skip to content
      </a>
      <aside className="flex w-56 shrink-0 flex-col border-r bg-card">
        <div className="flex h-14 items-center gap-2 border-b px-4">
          <Boxes className="size-5 text-primary" aria-hidden />
          <span className="font-semibold tracking-tight">Muster</span>
        </div>
        <nav aria-label="Main" className="flex-1 space-y-0.5 p-2">
          {nav.map(({ to, label, icon: Icon, match }) => (
            <Link
              key={to}
              to={to}
              aria-current={match(pathname) ? 'page' : undefined}
              className={cn(
                'flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium transition-colors',
                match(pathname) ? 'bg-accent text-foreground' : 'text-muted-foreground hover:bg-muted hover:text-foreground',
              )}
            >
              <Icon className="size-4" aria-hidden />
              {label}
            </Link>
          ))}
        </nav>
        <div className="space-y-3 border-t p-3">
          <LiveIndicator state={live} />
          <ThemeToggle />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 shrink-0 items-center gap-4 border-b bg-card px-6">
          <GlobalSearch />
          <div className="ml-auto flex items-center gap-3">
            <OrgSwitcher />
            <UserMenu />
          </div>
        </header>
        <main id="main" className="min-h-0 flex-1 overflow-y-auto px-6 py-5">
          {children}
        </main>
      </div>
    </div>
  );
}

/** `/` focuses the page's own search box, or the global one; never while typing elsewhere. */
function useSlashToSearch(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== '/' || event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (document.querySelector('dialog[open]')) return;
      const box = document.querySelector<HTMLInputElement>('[data-search="page"]') ?? document.querySelector<HTMLInputElement>('[data-search="global"]');
      if (!box) return;
      event.preventDefault();
      box.focus();
      box.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function GlobalSearch() {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <form
      role="search"
      className="relative w-full max-w-md"
      onSubmit={(event) => {
        event.preventDefault();
        const q = ref.current?.value.trim() ?? '';
        navigate(`/devices${q ? `?q=${encodeURIComponent(q)}` : ''}`);
      }}
    >
      <Search className="pointer-events-none absolute top-2.5 left-3 size-4 text-muted-foreground" aria-hidden />
      <input
        ref={ref}
        data-search="global"
        type="search"
        aria-label="Search devices"
        placeholder="Search devices: name, serial, IP, user…"
        className="h-9 w-full rounded-md border bg-background pr-10 pl-9 text-sm placeholder:text-muted-foreground"
      />
      <kbd className="pointer-events-none absolute top-2 right-2 rounded border px-1.5 text-xs text-muted-foreground">/</kbd>
    </form>
  );
}

function LiveIndicator({ state }: { state: LiveState }) {
  const text = { live: 'Live updates on', connecting: 'Connecting…', offline: 'Live updates off' }[state];
  return (
    <div className="flex items-center gap-2 px-1 text-xs text-muted-foreground" data-testid="live-state" data-state={state}>
      <span className={cn('size-2 rounded-full', state === 'live' ? 'bg-success' : state === 'connecting' ? 'bg-warning' : 'bg-muted-foreground')} aria-hidden />
      {text}
    </div>
  );
}

function ThemeToggle() {
  const choice = useThemeChoice();
  const options: Array<{ id: ThemeChoice; label: string; icon: typeof Sun }> = [
    { id: 'light', label: 'Light theme', icon: Sun },
    { id: 'dark', label: 'Dark theme', icon: Moon },
    { id: 'system', label: 'Follow the system', icon: Monitor },
  ];
  return (
    <div role="radiogroup" aria-label="Theme" className="flex rounded-md border p-0.5">
      {options.map(({ id, label, icon: Icon }) => (
        <button
          key={id}
          type="button"
          role="radio"
          aria-checked={choice === id}
          aria-label={label}
          title={label}
          onClick={() => setTheme(id)}
          className={cn('flex flex-1 justify-center rounded py-1', choice === id ? 'bg-accent text-foreground' : 'text-muted-foreground hover:text-foreground')}
        >
          <Icon className="size-4" aria-hidden />
        </button>
      ))}
    </div>
  );
}

function OrgSwitcher() {
  const me = useMe().data;
  const queryClient = useQueryClient();
  if (!me || me.organizations.length < 2) {
    const name = me?.organizations.find((o) => o.orgId === me.orgId)?.orgName;
    return name ? <span className="text-sm text-muted-foreground">{name}</span> : null;
  }
  const switchTo = async (orgId: string): Promise<void> => {
    try {
      session.set(await api.post('/api/v1/auth/switch-org', { body: { orgId } }));
      queryClient.clear();
      navigate('/');
    } catch (error) {
      showToast({ kind: 'error', title: 'Could not switch organisation', message: errorMessage(error) });
    }
  };
  return (
    <Select aria-label="Organisation" value={me.orgId} onChange={(e) => void switchTo(e.target.value)} className="h-8 w-48">
      {me.organizations.map((org) => (
        <option key={org.orgId} value={org.orgId}>
          {org.orgName}
        </option>
      ))}
    </Select>
  );
}

function UserMenu() {
  const me = useMe().data;
  const logout = useLogout();
  return (
    <div className="flex items-center gap-2">
      {me && (
        <span className="rounded-full bg-muted px-2.5 py-1 text-xs font-medium" data-testid="role">
          {me.role}
        </span>
      )}
      <button type="button" onClick={() => void logout()} className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-muted-foreground hover:bg-muted hover:text-foreground">
        <LogOut className="size-4" aria-hidden /> Log out
      </button>
    </div>
  );
}
