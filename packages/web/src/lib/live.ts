import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { freshAccessToken } from '../api/client';
import { useMe } from './auth';

const REFRESH_EVERY_MS = 2_000;

export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * Subscribes to /api/v1/events and invalidates what a `devices.updated` event makes stale: the
 * fleet summary, device lists, software counts, and the detail of each device named. EventSource
 * reconnects by itself after a dropped connection; when the server refuses it (an expired token
 * ends the stream for good) we take a fresh token and open a new one, backing off up to 30 s.
 */
export function useLiveUpdates(): LiveState {
  const queryClient = useQueryClient();
  // One stream per person and organisation: switching organisation opens a new one.
  const me = useMe().data;
  const identity = me ? `${me.userId}:${me.orgId}` : undefined;
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    if (!identity || typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let delay = 2000;
    let stopped = false;

    // A busy fleet changes every second: refetch at most every few seconds, with everything named since.
    let changed = new Set<string>();
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      flushTimer = undefined;
      const ids = changed;
      changed = new Set();
      void queryClient.invalidateQueries({ queryKey: ['fleet'] });
      void queryClient.invalidateQueries({ queryKey: ['devices'] });
      void queryClient.invalidateQueries({ queryKey: ['software'] });
      for (const id of ids) void queryClient.invalidateQueries({ queryKey: ['device', id] });
    };
    const onUpdate = (event: MessageEvent<string>): void => {
      try {
        for (const id of (JSON.parse(event.data) as { deviceIds?: string[] }).deviceIds ?? []) changed.add(id);
      } catch {
        // A malformed event still means "something changed".
      }
      flushTimer ??= setTimeout(flush, REFRESH_EVERY_MS);
    };

    const connect = async (): Promise<void> => {
      const token = await freshAccessToken();
      if (stopped) return;
      if (!token) {
        setState('offline');
        return;
      }
      setState('connecting');
      source = new EventSource(`/api/v1/events?access_token=${encodeURIComponent(token)}`);
      source.addEventListener('ready', () => {
        delay = 2000;
        setState('live');
      });
      source.addEventListener('devices.updated', onUpdate);
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED) {
          setState('connecting');
          return;
        }
        setState('offline');
        source.close();
        retryTimer = setTimeout(() => void connect(), delay);
        delay = Math.min(delay * 2, 30_000);
      };
    };
    void connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearTimeout(flushTimer);
      source?.close();
    };
  }, [identity, queryClient]);

  return state;
}
