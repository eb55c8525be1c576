import { LIMITS, type ServicesSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { fsx, readAttr } from './fsx.js';
import { clip, findProgram, run, toInt } from './shared.js';

type Service = ServicesSection['items'][number];

// ---------------------------------------------------------------------------------------------
// systemd

export interface SystemdUnit {
  name: string;
  load: string;
  active: string;
  sub: string;
  description: string;
}

/** `systemctl list-units --type=service --all --plain --no-legend --no-pager`: UNIT LOAD ACTIVE SUB DESCRIPTION. */
export function parseListUnits(text: string): SystemdUnit[] {
  const out: SystemdUnit[] = [];
  for (const raw of text.split('\n')) {
    // Units in trouble are prefixed with a bullet ("●", or "*" without UTF-8). Escaped: a non-ASCII
    // character in the bundle makes V8 hold all of the agent's source as a two-byte string.
    const line = raw.replace(/^\s*[\u25cf*]?\s*/, '');
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m?.[1]?.includes('.')) continue;
    out.push({ name: m[1], load: m[2] ?? '', active: m[3] ?? '', sub: m[4] ?? '', description: (m[5] ?? '').trim() });
  }
  return out;
}

/** `systemctl list-unit-files --type=service --plain --no-legend --no-pager`: UNIT FILE STATE [PRESET]. */
export function parseListUnitFiles(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [name, state] = line.trim().split(/\s+/);
    if (name?.includes('.') && state) out.set(name, state);
  }
  return out;
}

/** `systemctl show -p … unit…`: Key=Value blocks separated by blank lines. */
export function parseSystemctlShow(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const block of text.split(/\n\s*\n/)) {
    const props = new Map<string, string>();
    for (const line of block.split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) props.set(line.slice(0, eq), line.slice(eq + 1));
    }
    const id = props.get('Id');
    if (id) out.set(id, props);
  }
  return out;
}

export function systemdState(active: string, sub: string): string {
  if (active === 'active') return sub === 'exited' ? 'exited' : sub === 'running' ? 'running' : sub || 'running';
  if (active === 'inactive') return 'stopped';
  if (active === 'activating') return 'starting';
  if (active === 'deactivating') return 'stopping';
  return active || 'unknown';
}

/** Unit file state → start mode: enabled units start at boot, disabled ones only on demand, masked ones never. */
export function systemdStartMode(state: string | undefined): string | null {
  if (!state) return null;
  if (state === 'enabled' || state === 'enabled-runtime') return 'auto';
  if (state === 'disabled') return 'manual';
  if (state === 'masked' || state === 'masked-runtime') return 'disabled';
  return state.slice(0, 32);
}

export function buildSystemdServices(units: SystemdUnit[], unitFiles: Map<string, string>, details: Map<string, Map<string, string>>): Service[] {
  const out: Service[] = [];
  const seen = new Set<string>();
  for (const u of units) {
    // "not-found" units are referenced by others but not installed.
    if (u.load === 'not-found' || seen.has(u.name)) continue;
    seen.add(u.name);
    const d = details.get(u.name);
    const template = u.name.includes('@') ? u.name.replace(/@[^.]*\./, '@.') : undefined;
    const fileState = d?.get('UnitFileState') || unitFiles.get(u.name) || (template ? unitFiles.get(template) : undefined);
    const pid = toInt(d?.get('MainPID'));
    out.push({
      name: u.name.slice(0, LIMITS.name),
      displayName: null,
      description: clip(u.description, LIMITS.text),
      state: systemdState(u.active, u.sub).slice(0, 32),
      startMode: systemdStartMode(fileState),
      pid: pid ? pid : null,
      // Services without User= run as root.
      user: clip(d ? d.get('User') || 'root' : null, LIMITS.name),
      path: clip(d?.get('FragmentPath'), LIMITS.path),
    });
  }
  // Installed unit files systemd has not loaded (disabled, never started); templates are not services by themselves.
  for (const [name, state] of unitFiles) {
    if (seen.has(name) || name.endsWith('@.service')) continue;
    seen.add(name);
    out.push({ name: name.slice(0, LIMITS.name), displayName: null, description: null, state: 'stopped', startMode: systemdStartMode(state), pid: null, user: null, path: null });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

async function systemdServices(ctx: CollectContext): Promise<Service[]> {
  const systemctl = await findProgram(ctx, 'systemctl');
  if (!systemctl) return [];
  const common = ['--type=service', '--plain', '--no-legend', '--no-pager'];
  const unitsText = await run(ctx, systemctl, ['list-units', '--all', ...common], 10_000);
  const filesText = await run(ctx, systemctl, ['list-unit-files', ...common], 10_000);
  const units = unitsText ? parseListUnits(unitsText) : [];
  const loaded = units.filter((u) => u.load === 'loaded').map((u) => u.name);
  // One more call for what list-units does not print: main pid, user, unit file.
  const showText = loaded.length ? await run(ctx, systemctl, ['show', '--no-pager', '-p', 'Id,MainPID,User,FragmentPath,UnitFileState', '--', ...loaded], 10_000) : undefined;
  return buildSystemdServices(units, filesText ? parseListUnitFiles(filesText) : new Map(), showText ? parseSystemctlShow(showText) : new Map());
}

// ---------------------------------------------------------------------------------------------
// Init scripts (OpenRC, SysV init, or no service manager at all)

export interface InitScriptInfo {
  description?: string;
  /** Program the script starts (DAEMON=…), when it names one literally. */
  daemon?: string;
  /** Pid file path, with the script's simple VAR=value assignments expanded. */
  pidfile?: string;
}

/**
 * What an init script says about itself: LSB header or OpenRC description=, and the daemon and pid
 * file from its DAEMON=/command= and PIDFILE=/pidfile= assignments, with the script's simple
 * VAR=value assignments (first one wins) expanded. Values computed by commands are not guessed.
 */
export function parseInitScript(text: string, name: string): InitScriptInfo {
  const vars = new Map<string, string>([
    ['RC_SVCNAME', name],
    ['SVCNAME', name],
  ]);
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+|local\s+)?([A-Za-z_]\w*)=(.*)$/.exec(line);
    if (!m?.[1] || m[2] === undefined) continue;
    let value = m[2].trim();
    const quote = value[0];
    if (quote === '"' || quote === "'") {
      const end = value.indexOf(quote, 1);
      if (end < 0) continue;
      value = value.slice(1, end);
    } else {
      value = value.split(/[\s;]/)[0] ?? '';
    }
    if (value.includes('`') || value.includes('$(')) continue;
    if (!vars.has(m[1])) vars.set(m[1], value);
  }
  const expand = (v: string | undefined) => v?.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (_, n: string) => vars.get(n) ?? '\u0000');
  const literalPath = (v: string | undefined) => (v && v.startsWith('/') && !v.includes('\u0000') ? v : undefined);
  const description = /^#\s*Short-Description:\s*(.+)$/m.exec(text)?.[1] ?? /^\s*description="([^"]+)"/m.exec(text)?.[1];
  return {
    description: description?.trim(),
    daemon: literalPath(expand(vars.get('DAEMON') ?? vars.get('command'))),
    pidfile: literalPath(expand(vars.get('PIDFILE') ?? vars.get('pidfile'))),
  };
}

/** Scripts in /etc/init.d that are helpers or boot plumbing rather than services. */
const NOT_SERVICES = /^(README|skeleton|functions(\.sh)?|rc|rcS|halt|reboot|single|sendsigs|umount.*|\.depend.*|.*\.(dpkg-.*|ucf-.*|bak|orig|sh))$/;

/** Running processes: pid → command name, for init scripts whose daemon is named in the script. */
function processNames(ctx: CollectContext, pids: string[]): Map<string, number> {
  const fx = fsx(ctx);
  const byName = new Map<string, number>();
  for (const pid of pids) {
    const comm = readAttr(fx, `/proc/${pid}/comm`);
    if (comm && !byName.has(comm)) byName.set(comm, Number(pid));
  }
  return byName;
}

async function initScriptServices(ctx: CollectContext, manager: 'openrc' | 'sysvinit' | 'none'): Promise<Service[]> {
  const fx = fsx(ctx);
  const scripts = (await ctx.listDir('/etc/init.d')).filter((s) => !NOT_SERVICES.test(s)).sort();
  if (!scripts.length) return [];
  const pids = (await ctx.listDir('/proc')).filter((p) => /^\d+$/.test(p));
  const running = processNames(ctx, pids);

  // Start at boot: OpenRC's runlevel directories, or the S links of SysV's default runlevel.
  const autostart = new Set<string>();
  if (manager === 'openrc') {
    for (const level of ['sysinit', 'boot', 'default']) for (const s of await ctx.listDir(`/etc/runlevels/${level}`)) autostart.add(s);
  } else {
    const inittab = await ctx.readText('/etc/inittab');
    const level = (inittab ? /^[^#:]*:(\d):initdefault:/m.exec(inittab)?.[1] : undefined) ?? '2';
    for (const dir of [`/etc/rc${level}.d`, '/etc/rcS.d']) for (const link of await ctx.listDir(dir)) if (/^S\d\d/.test(link)) autostart.add(link.slice(3));
  }
  const openrcState = async (dir: string) => new Set(manager === 'openrc' ? await ctx.listDir(`/run/openrc/${dir}`) : []);
  const [started, failed] = await Promise.all([openrcState('started'), openrcState('failed')]);

  const out: Service[] = [];
  for (const name of scripts) {
    const text = await ctx.readText(`/etc/init.d/${name}`, 1024 * 1024);
    const info = text ? parseInitScript(text, name) : {};
    let state = 'unknown';
    let pid: number | null = null;
    if (manager === 'openrc') {
      state = started.has(name) ? 'running' : failed.has(name) ? 'failed' : 'stopped';
    } else {
      // Without a manager that tracks services, a live pid file or a process named like the
      // script's daemon says "running"; the daemon's absence says "stopped"; anything else is unknown.
      const pidFromFile = info.pidfile ? toInt(fx.readSmall(info.pidfile)) : null;
      // A daemon that is itself a shell script (a wrapper such as rabbitmq-server) runs under another name.
      const wrapper = info.daemon ? Buffer.from(fx.readBytes(info.daemon, 0, 2) ?? []).toString('latin1') === '#!' : false;
      const daemonName = wrapper ? undefined : info.daemon?.split('/').pop()?.slice(0, 15);
      if (pidFromFile && fx.stat(`/proc/${pidFromFile}`)) {
        state = 'running';
        pid = pidFromFile;
      } else if (daemonName && running.has(daemonName)) {
        state = 'running';
        pid = running.get(daemonName) ?? null;
      } else if (daemonName) {
        state = 'stopped';
      }
    }
    out.push({
      name: name.slice(0, LIMITS.name),
      displayName: null,
      description: clip(info.description, LIMITS.text),
      state,
      startMode: autostart.has(name) ? 'auto' : 'manual',
      pid,
      user: null,
      path: clip(`/etc/init.d/${name}`, LIMITS.path),
    });
  }
  return out;
}

/** Which service manager runs this system: systemd's runtime directory, OpenRC's, SysV init as pid 1, or none (a container's entry point). */
export async function detectManager(ctx: CollectContext): Promise<'systemd' | 'openrc' | 'sysvinit' | 'none'> {
  // sd_booted(3): /run/systemd/system exists only while systemd is pid 1.
  if (await ctx.exists('/run/systemd/system')) return 'systemd';
  if (await ctx.exists('/run/openrc')) return 'openrc';
  const init = (await ctx.readText('/proc/1/comm'))?.trim();
  if (init === 'init' && (await ctx.exists('/etc/inittab'))) return 'sysvinit';
  return 'none';
}

export async function collectServices(ctx: CollectContext): Promise<ServicesSection> {
  const manager = await detectManager(ctx);
  const items = manager === 'systemd' ? await systemdServices(ctx) : await initScriptServices(ctx, manager);
  return { manager, items: items.slice(0, LIMITS.services) };
}
