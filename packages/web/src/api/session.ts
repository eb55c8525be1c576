import type { Session } from './types';

/**
 * The login session, kept in localStorage so that a reload (or a second tab) stays logged in.
 * Other tabs learn about a login, refresh or logout through the `storage` event.
 */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
}

const KEY = 'muster.session';
const listeners = new Set<() => void>();
let cached: { raw: string | null; value: StoredSession | undefined } = { raw: null, value: undefined };

function read(): StoredSession | undefined {
  const raw = localStorage.getItem(KEY);
  if (raw === cached.raw) return cached.value;
  let value: StoredSession | undefined;
  try {
    const parsed = raw ? (JSON.parse(raw) as Partial<StoredSession>) : undefined;
    if (parsed && typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string') {
      value = { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken, expiresAt: Number(parsed.expiresAt) || 0 };
    }
  } catch {
    value = undefined;
  }
  cached = { raw, value };
  return value;
}

function emit(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('storage', (event) => {
  if (event.key === KEY || event.key === null) emit();
});

export const session = {
  get: read,
  set(from: Pick<Session, 'accessToken' | 'refreshToken' | 'expiresIn'>): void {
    const value: StoredSession = { accessToken: from.accessToken, refreshToken: from.refreshToken, expiresAt: Date.now() + from.expiresIn * 1000 };
    localStorage.setItem(KEY, JSON.stringify(value));
    emit();
  },
  clear(): void {
    localStorage.removeItem(KEY);
    emit();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
