import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
// The role → permission table is the server's own (a pure module): one list, never copied here.
import { ROLE_PERMISSIONS, type Permission } from '../../../server/src/auth/permissions';
import { api } from '../api/client';
import { session, type StoredSession } from '../api/session';
import type { Me, Role } from '../api/types';
import { navigate } from './router';

export type { Permission };

export function useSession(): StoredSession | undefined {
  return useSyncExternalStore(session.subscribe, session.get);
}

export function useMe() {
  const current = useSession();
  return useQuery({ queryKey: ['me'], queryFn: ({ signal }) => api.get('/api/v1/auth/me', { signal }), enabled: Boolean(current), staleTime: 60_000 });
}

function isRole(role: string): role is Role {
  return role in ROLE_PERMISSIONS;
}

export function roleCan(me: Pick<Me, 'role'> | undefined, permission: Permission): boolean {
  return Boolean(me && isRole(me.role) && ROLE_PERMISSIONS[me.role].has(permission));
}

/** Whether the signed-in role has `permission`: actions it lacks are hidden, not offered to fail. */
export function useCan(permission: Permission): boolean {
  return roleCan(useMe().data, permission);
}

export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    const current = session.get();
    if (current) await api.post('/api/v1/auth/logout', { body: { refreshToken: current.refreshToken } }).catch(() => undefined);
    session.clear();
    queryClient.clear();
    navigate('/login');
  }, [queryClient]);
}
