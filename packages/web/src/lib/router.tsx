/**
 * A small history-API router: the console has a dozen routes and needs no more than matching
 * paths, reading and writing the query string, and links that do not reload the page.
 */
import { useCallback, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();
const emit = (): void => listeners.forEach((l) => l());
window.addEventListener('popstate', emit);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  emit();
}

export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const q = href.indexOf('?');
  return { pathname: q < 0 ? href : href.slice(0, q), search: q < 0 ? '' : href.slice(q) };
}

/** The query string as state: `set` merges, drops empty values, and replaces history unless told. */
export function useSearchParams(): [URLSearchParams, (changes: Record<string, string | string[] | undefined>, options?: { push?: boolean }) => void] {
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const set = useCallback((changes: Record<string, string | string[] | undefined>, options: { push?: boolean } = {}) => {
    const next = new URLSearchParams(location.search);
    for (const [key, value] of Object.entries(changes)) {
      next.delete(key);
      for (const v of Array.isArray(value) ? value : value ? [value] : []) next.append(key, v);
    }
    const query = next.toString();
    navigate(location.pathname + (query ? `?${query}` : ''), { replace: !options.push });
  }, []);
  return [params, set];
}

/** `/devices/:id` against `/devices/abc` → `{ id: 'abc' }`; undefined when it does not match. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(h);
    else if (w !== h) return undefined;
  }
  return params;
}

export function Link({ to, onClick, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(event);
    // Let the browser handle new tabs, downloads and modified clicks.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...props} />;
}

/** Where to go after logging in: only a path of this site, never another origin. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}
