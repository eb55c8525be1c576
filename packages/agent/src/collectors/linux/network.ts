import os from 'node:os';
import { LIMITS, type NetworkSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { fsx, readAttr, type FsExtras } from './fsx.js';
import { clip, readAccounts, toInt } from './shared.js';

type NetworkInterface = NetworkSection['interfaces'][number];
type ListeningPort = NetworkSection['listeningPorts'][number];

// ---------------------------------------------------------------------------------------------
// Address formats of /proc/net

/** /proc/net/route prints IPv4 addresses as the host-order hex of a network-order u32: "0100A8C0" is 192.168.0.1. */
export function hexToIpv4(hex: string): string {
  const bytes = [hex.slice(6, 8), hex.slice(4, 6), hex.slice(2, 4), hex.slice(0, 2)].map((b) => parseInt(b, 16));
  return bytes.join('.');
}

/** Shortest RFC 5952 text of 16 bytes given as 32 hex digits in network order (/proc/net/if_inet6, ipv6_route). */
export function hexToIpv6(hex: string): string {
  const groups: number[] = [];
  for (let i = 0; i < 32; i += 4) groups.push(parseInt(hex.slice(i, i + 4), 16));
  // IPv4-mapped (::ffff:a.b.c.d) reads better in dotted form.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${[groups[6] ?? 0, groups[7] ?? 0].flatMap((g) => [g >> 8, g & 0xff]).join('.')}`;
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const text = groups.map((g) => g.toString(16));
  if (bestStart < 0) return text.join(':');
  return `${text.slice(0, bestStart).join(':')}::${text.slice(bestStart + bestLen).join(':')}`;
}

/** /proc/net/tcp6 prints each 32-bit word of the address in host (little-endian) order. */
export function procSocketHexToIpv6(hex: string): string {
  let network = '';
  for (let i = 0; i < 32; i += 8) {
    const word = hex.slice(i, i + 8);
    network += word.slice(6, 8) + word.slice(4, 6) + word.slice(2, 4) + word.slice(0, 2);
  }
  return hexToIpv6(network);
}

// ---------------------------------------------------------------------------------------------
// Routes, addresses, DNS, counters

export function parseIpv4DefaultRoute(text: string): { gateway: string; iface: string } | null {
  let best: { gateway: string; iface: string; metric: number } | null = null;
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    const [iface, dest, gateway, flags, , , metric, mask] = f;
    if (!iface || dest !== '00000000' || mask !== '00000000' || !gateway) continue;
    // RTF_UP (1) and RTF_GATEWAY (2).
    if ((parseInt(flags ?? '0', 16) & 3) !== 3) continue;
    const m = Number(metric ?? 0);
    if (!best || m < best.metric) best = { gateway: hexToIpv4(gateway), iface, metric: m };
  }
  return best ? { gateway: best.gateway, iface: best.iface } : null;
}

export function parseIpv6DefaultRoute(text: string): { gateway: string; iface: string } | null {
  let best: { gateway: string; iface: string; metric: number } | null = null;
  const zero = '0'.repeat(32);
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [dest, destLen, , , nextHop, metric, , , , iface] = f;
    if (dest !== zero || destLen !== '00' || !nextHop || nextHop === zero || !iface || iface === 'lo') continue;
    const m = parseInt(metric ?? '0', 16);
    if (!best || m < best.metric) best = { gateway: hexToIpv6(nextHop), iface, metric: m };
  }
  return best ? { gateway: best.gateway, iface: best.iface } : null;
}

/** /proc/net/if_inet6: "address ifindex prefixlen scope flags name" → name → ["addr/prefix"]. */
export function parseIfInet6(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const [addr, , prefix, , , name] = line.trim().split(/\s+/);
    if (!addr || addr.length !== 32 || !name) continue;
    const list = out.get(name) ?? [];
    list.push(`${hexToIpv6(addr)}/${parseInt(prefix ?? '80', 16)}`);
    out.set(name, list);
  }
  return out;
}

export function parseResolvConf(text: string): { servers: string[]; searchDomains: string[] } {
  const servers: string[] = [];
  const searchDomains: string[] = [];
  for (const raw of text.split('\n')) {
    const [key, ...values] = raw.replace(/[#;].*/, '').trim().split(/\s+/);
    if (key === 'nameserver' && values[0]) servers.push(values[0]);
    else if ((key === 'search' || key === 'domain') && values.length) {
      for (const v of values) if (!searchDomains.includes(v)) searchDomains.push(v);
    }
  }
  return { servers, searchDomains };
}

/** /proc/net/dev: per-interface byte counters in one read (instead of two sysfs files per interface). */
export function parseProcNetDev(text: string): Map<string, { rx: number; tx: number }> {
  const out = new Map<string, { rx: number; tx: number }>();
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const f = line.slice(colon + 1).trim().split(/\s+/);
    const rx = Number(f[0]);
    const tx = Number(f[8]);
    if (name && Number.isFinite(rx) && Number.isFinite(tx)) out.set(name, { rx, tx });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Listening sockets

export interface ProcSocket {
  protocol: ListeningPort['protocol'];
  address: string;
  port: number;
  uid: number;
  inode: number;
}

/**
 * /proc/net/{tcp,tcp6,udp,udp6}: TCP sockets in LISTEN (0A); UDP sockets that are bound but
 * not connected (07 with no remote address), which is how a UDP server waits.
 */
export function parseProcNetSockets(text: string, protocol: ListeningPort['protocol']): ProcSocket[] {
  const out: ProcSocket[] = [];
  const v6 = protocol.endsWith('6');
  const tcp = protocol.startsWith('tcp');
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    const [, local, remote, state, , , , uid, , inode] = f;
    if (!local || !remote || !state) continue;
    if (tcp ? state !== '0A' : state !== '07' || !/^0+:0000$/.test(remote)) continue;
    const [addrHex = '', portHex = ''] = local.split(':');
    out.push({
      protocol,
      address: v6 ? procSocketHexToIpv6(addrHex) : hexToIpv4(addrHex),
      port: parseInt(portHex, 16),
      uid: Number(uid ?? 0),
      inode: Number(inode ?? 0),
    });
  }
  return out;
}

/**
 * Owner of each socket inode, by reading /proc/<pid>/fd links ("socket:[12345]"). Processes of the
 * socket's uid are searched first (a listening socket nearly always belongs to its creator, or to
 * pid 1 for socket-activated services), the others only for inodes still unmatched; the number of
 * links read is capped so a host with a hundred thousand open files stays within budget. Other
 * users' fd directories are unreadable without root: those sockets keep pid null.
 */
export function socketOwners(fx: FsExtras, pids: number[], sockets: ProcSocket[], maxLinks = 20_000): Map<number, number> {
  const wanted = new Set(sockets.map((s) => s.inode).filter((i) => i > 0));
  const owners = new Map<number, number>();
  if (!wanted.size) return owners;
  const uids = new Set(sockets.map((s) => s.uid));
  const pidUid = pids.map((pid) => ({ pid, uid: fx.stat(`/proc/${pid}`)?.uid }));
  const passes = [pidUid.filter((p) => p.uid !== undefined && uids.has(p.uid)), pidUid.filter((p) => p.uid === undefined || !uids.has(p.uid))];
  let links = 0;
  for (const pass of passes) {
    for (const { pid } of pass) {
      if (owners.size === wanted.size || links >= maxLinks) return owners;
      let failures = 0;
      for (const fd of fx.readdir(`/proc/${pid}/fd`)) {
        if (++links > maxLinks) break;
        const target = fx.readlink(`/proc/${pid}/fd/${fd}`);
        // Listing a process's fds can be allowed while reading them is not (ptrace checks,
        // sandboxes): a few failures in a row mean the rest will fail too.
        if (target === undefined) {
          if (++failures >= 3) break;
          continue;
        }
        failures = 0;
        if (!target.startsWith('socket:[')) continue;
        const inode = Number(target.slice(8, -1));
        if (wanted.has(inode) && !owners.has(inode)) owners.set(inode, pid);
      }
    }
  }
  return owners;
}

// ---------------------------------------------------------------------------------------------
// Interfaces

const ARPHRD: Record<string, string> = {
  '772': 'loopback',
  '512': 'ppp',
  '32': 'infiniband',
  '280': 'can',
  '768': 'tunnel',
  '776': 'tunnel',
  '778': 'tunnel',
  '823': 'tunnel',
  '65534': 'vpn',
};

export function interfaceType(f: { arphrd?: string; devtype?: string; wireless: boolean; virtualDevice: boolean; tun: boolean }): string | null {
  if (f.arphrd === '772') return 'loopback';
  if (f.wireless || f.devtype === 'wlan') return 'wifi';
  if (f.devtype === 'bridge') return 'bridge';
  if (f.devtype === 'bond') return 'bond';
  if (f.devtype === 'vlan') return 'vlan';
  if (f.devtype === 'wireguard') return 'vpn';
  if (f.devtype === 'wwan') return 'cellular';
  if (f.arphrd && ARPHRD[f.arphrd]) return ARPHRD[f.arphrd] ?? null;
  // tap devices are Ethernet-framed tun devices: VM or VPN plumbing.
  if (f.tun) return 'virtual';
  if (f.arphrd === '1') return f.virtualDevice ? 'virtual' : 'ethernet';
  return null;
}

/** Evidence of a DHCP lease for an interface in the usual clients' state directories (networkd, NetworkManager, dhclient, dhcpcd). */
async function dhcpEvidence(ctx: CollectContext): Promise<string[]> {
  const dirs = ['/var/lib/NetworkManager', '/var/lib/dhcp', '/var/lib/dhclient', '/var/lib/dhcpcd', '/run/dhcpcd'];
  const names = await Promise.all(dirs.map((d) => ctx.listDir(d)));
  return names.flat().filter((n) => /lease|\.pid$/.test(n));
}

function hasDhcpLease(files: string[], networkdLeases: string[], name: string, ifindex: string | undefined): boolean | null {
  if (ifindex && networkdLeases.includes(ifindex)) return true;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(^|[-.])${escaped}([-.]|$)`);
  if (files.some((f) => pattern.test(f.replace(/\.(leases?|pid)$/, '')))) return true;
  return null;
}

async function listInterfaces(ctx: CollectContext): Promise<{ interfaces: NetworkInterface[]; counters: Map<string, { rx: number; tx: number }> }> {
  const fx = fsx(ctx);
  const names = (await ctx.listDir('/sys/class/net')).sort();
  const [ifInet6, netDev, dhcpFiles, networkdLeases] = await Promise.all([
    ctx.readText('/proc/net/if_inet6'),
    ctx.readText('/proc/net/dev'),
    dhcpEvidence(ctx),
    ctx.listDir('/run/systemd/netif/leases'),
  ]);
  const v6 = ifInet6 ? parseIfInet6(ifInet6) : new Map<string, string[]>();
  const counters = netDev ? parseProcNetDev(netDev) : new Map<string, { rx: number; tx: number }>();
  // IPv4 addresses with prefixes come from getifaddrs(3) in-process: the kernel offers no flat file for them.
  const v4 = new Map<string, string[]>();
  for (const [name, addrs] of Object.entries(os.networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && a.cidr) v4.set(name, [...(v4.get(name) ?? []), a.cidr]);
  }

  const interfaces = names.map((name): NetworkInterface => {
    const base = `/sys/class/net/${name}`;
    const attr = (file: string) => readAttr(fx, `${base}/${file}`);
    const uevent = attr('uevent') ?? '';
    const devtype = /^DEVTYPE=(.*)$/m.exec(uevent)?.[1];
    const ifindex = /^IFINDEX=(.*)$/m.exec(uevent)?.[1] ?? attr('ifindex');
    const arphrd = attr('type');
    const operstate = attr('operstate');
    const flags = parseInt(attr('flags') ?? '0', 16);
    const speed = Number(attr('speed') ?? NaN);
    const driver = fx.readlink(`${base}/device/driver`)?.split('/').pop();
    const type = interfaceType({
      arphrd,
      devtype,
      wireless: fx.stat(`${base}/wireless`) !== undefined || fx.stat(`${base}/phy80211`) !== undefined,
      virtualDevice: fx.readlink(base)?.includes('/devices/virtual/') ?? false,
      tun: fx.stat(`${base}/tun_flags`) !== undefined,
    });
    const mac = attr('address');
    const count = counters.get(name);
    // operstate "unknown" is common for loopback and many virtual drivers: fall back to the admin-up flag.
    const up = operstate === 'up' ? true : operstate === 'unknown' || operstate === 'dormant' || operstate === undefined ? (flags & 1) === 1 : false;
    return {
      name: name.slice(0, LIMITS.name),
      description: clip(driver, LIMITS.name),
      mac: mac && mac !== '00:00:00:00:00:00' ? mac.slice(0, 32) : null,
      type,
      up,
      mtu: toInt(attr('mtu')),
      speedMbps: Number.isInteger(speed) && speed > 0 ? speed : null,
      ipv4: (v4.get(name) ?? []).slice(0, LIMITS.addressesPerInterface),
      ipv6: (v6.get(name) ?? []).slice(0, LIMITS.addressesPerInterface),
      dhcp: type === 'loopback' ? false : hasDhcpLease(dhcpFiles, networkdLeases, name, ifindex),
      rxBytes: count ? count.rx : null,
      txBytes: count ? count.tx : null,
    };
  });
  return { interfaces: interfaces.slice(0, LIMITS.interfaces), counters };
}

// ---------------------------------------------------------------------------------------------

async function listListeningPorts(ctx: CollectContext): Promise<ListeningPort[]> {
  const fx = fsx(ctx);
  const files: [string, ListeningPort['protocol']][] = [
    ['/proc/net/tcp', 'tcp'],
    ['/proc/net/tcp6', 'tcp6'],
    ['/proc/net/udp', 'udp'],
    ['/proc/net/udp6', 'udp6'],
  ];
  const sockets: ProcSocket[] = [];
  for (const [path, protocol] of files) {
    const text = await ctx.readText(path);
    if (text) sockets.push(...parseProcNetSockets(text, protocol));
  }
  if (!sockets.length) return [];
  const pids = (await ctx.listDir('/proc')).filter((p) => /^\d+$/.test(p)).map(Number);
  const owners = socketOwners(fx, pids, sockets);
  const { userByUid } = await readAccounts(ctx);
  const names = new Map<number, string | undefined>();
  const seen = new Set<string>();
  const out: ListeningPort[] = [];
  for (const s of sockets) {
    // SO_REUSEPORT groups show one line per socket: one entry per protocol, address and port is enough.
    const key = `${s.protocol} ${s.address} ${s.port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const pid = owners.get(s.inode);
    if (pid !== undefined && !names.has(pid)) names.set(pid, readAttr(fx, `/proc/${pid}/comm`));
    out.push({
      protocol: s.protocol,
      address: s.address.slice(0, 64),
      port: s.port,
      pid: pid ?? null,
      process: clip(pid !== undefined ? names.get(pid) : null, LIMITS.name),
      user: clip(userByUid.get(s.uid) ?? String(s.uid), LIMITS.name),
    });
  }
  return out.sort((a, b) => a.port - b.port || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0)).slice(0, LIMITS.listeningPorts);
}

export async function collectNetwork(ctx: CollectContext): Promise<NetworkSection> {
  const { interfaces } = await listInterfaces(ctx);
  const [route, route6, resolv] = await Promise.all([ctx.readText('/proc/net/route'), ctx.readText('/proc/net/ipv6_route'), ctx.readText('/etc/resolv.conf')]);
  const gw4 = route ? parseIpv4DefaultRoute(route) : null;
  const gw6 = route6 ? parseIpv6DefaultRoute(route6) : null;

  let dns = resolv ? parseResolvConf(resolv) : { servers: [], searchDomains: [] };
  // With systemd-resolved, resolv.conf names only its local stub; the real upstream servers are in its own file.
  if (dns.servers.length > 0 && dns.servers.every((s) => s === '127.0.0.53' || s === '127.0.0.54')) {
    const upstream = await ctx.readText('/run/systemd/resolve/resolv.conf');
    if (upstream) {
      const parsed = parseResolvConf(upstream);
      if (parsed.servers.length) dns = { servers: parsed.servers, searchDomains: parsed.searchDomains.length ? parsed.searchDomains : dns.searchDomains };
    }
  }

  const gatewayIface = gw4?.iface ?? gw6?.iface;
  const primary = interfaces.find((i) => i.name === gw4?.iface)?.ipv4[0] ?? interfaces.find((i) => i.name === gw6?.iface)?.ipv6.find((a) => !a.startsWith('fe80'));
  return {
    interfaces,
    defaultGateway: { ipv4: gw4?.gateway ?? null, ipv6: gw6?.gateway ?? null, interface: clip(gatewayIface, LIMITS.name) },
    dns: { servers: dns.servers.slice(0, 32).map((s) => s.slice(0, 64)), searchDomains: dns.searchDomains.slice(0, 32).map((s) => s.slice(0, LIMITS.name)) },
    listeningPorts: await listListeningPorts(ctx),
    primaryIp: primary ? (primary.split('/')[0] ?? null) : null,
  };
}
