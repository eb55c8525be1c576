import { LIMITS, type ServicesSection } from '@muster/protocol';
import { bool, object, objects, str, uint } from './values.js';

/** Win32_Service.State → the protocol's lower-case states. */
const STATES: Record<string, string> = {
  running: 'running',
  stopped: 'stopped',
  'start pending': 'starting',
  'stop pending': 'stopping',
  'continue pending': 'starting',
  'pause pending': 'stopping',
  paused: 'paused',
};

/** Win32_Service.StartMode; an Auto service with DelayedAutoStart starts a little after boot. */
function startMode(mode: string | null, delayed: boolean | null): string | null {
  if (!mode) return null;
  const m = mode.toLowerCase();
  if (m === 'auto') return delayed ? 'auto (delayed)' : 'auto';
  return m.slice(0, 32);
}

export function parseServices(raw: unknown): ServicesSection {
  const r = object(raw) ?? {};
  const items: ServicesSection['items'] = objects(r.services).flatMap((s) => {
    const name = str(s.Name, LIMITS.name);
    if (!name) return [];
    const state = str(s.State)?.toLowerCase() ?? 'unknown';
    const pid = uint(s.ProcessId);
    return [
      {
        name,
        displayName: str(s.DisplayName, LIMITS.name),
        description: str(s.Description, LIMITS.text),
        state: STATES[state] ?? state.slice(0, 32),
        startMode: startMode(str(s.StartMode), bool(s.DelayedAutoStart)),
        // A stopped service reports process id 0.
        pid: pid ? pid : null,
        user: str(s.StartName, LIMITS.name),
        path: str(s.PathName, LIMITS.path),
      },
    ];
  });
  return { manager: 'windows', items: items.slice(0, LIMITS.services) };
}
