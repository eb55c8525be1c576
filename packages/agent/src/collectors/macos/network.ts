import { LIMITS, type NetworkSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { loadSharedProfiler, profilerItems, type ProfilerReport } from './profiler.js';
import { asObject, asString, BIN, clip, lines, optional, run } from './util.js';

type NetworkInterface = NetworkSection['interfaces'][number];
type ListeningPort = NetworkSection['listeningPorts'][number];

export interface IfconfigInterface {
  name: string;
  flags: string[];
  mtu: number | null;
  mac: string | null;
  ipv4: string[];
  ipv6: string[];
  /** "active"/"inactive" for interfaces with a link; absent for tunnels and loopback. */
  status: string | null;
  media: string | null;
}

/** 0xffffff00 → 24 */
export function prefixFromHexMask(mask: string): number | null {
  const value = Number.parseInt(mask.replace(/^0x/i, ''), 16);
  if (!Number.isFinite(value)) return null;
  let bits = 0;
  for (let v = value >>> 0; v; v = (v << 1) >>> 0) bits++;
  return bits;
}

/**
 * `ifconfig -a`: a header per interface ("en0: flags=8863<UP,…> mtu 1500") and tab-indented
 * details: ether, inet (netmask in hex; point-to-point tunnels add "--> peer"), inet6 (with a
 * %scope on link-local addresses), media, status.
 */
export function parseIfconfig(text: string | undefined): IfconfigInterface[] {
  const interfaces: IfconfigInterface[] = [];
  let current: IfconfigInterface | undefined;
  for (const line of lines(text)) {
    const header = /^([^\s:]+): flags=[0-9a-f]+<([^>]*)>(?: mtu (\d+))?/i.exec(line);
    if (header?.[1]) {
      current = { name: header[1], flags: (header[2] ?? '').split(',').filter(Boolean), mtu: header[3] ? Number(header[3]) : null, mac: null, ipv4: [], ipv6: [], status: null, media: null };
      interfaces.push(current);
      continue;
    }
    if (!current || !/^\s/.test(line)) continue;
    const detail = line.trim();
    let match: RegExpExecArray | null;
    if ((match = /^ether ([0-9a-f:]{11,17})/i.exec(detail))) current.mac = match[1] ?? null;
    else if ((match = /^inet (\d+\.\d+\.\d+\.\d+)(?: --> \S+)? netmask (0x[0-9a-f]+)/i.exec(detail))) {
      const prefix = prefixFromHexMask(match[2] ?? '');
      current.ipv4.push(prefix === null ? (match[1] ?? '') : `${match[1]}/${prefix}`);
    } else if ((match = /^inet6 (\S+?)(?:%\S+)? prefixlen (\d+)/i.exec(detail))) current.ipv6.push(`${match[1]}/${match[2]}`);
    else if ((match = /^status: (\S+)/.exec(detail))) current.status = match[1] ?? null;
    else if ((match = /^media: (.*)$/.exec(detail))) current.media = match[1] ?? null;
  }
  return interfaces;
}

/** `networksetup -listallhardwareports`: "Hardware Port: Wi-Fi" / "Device: en0" pairs → device → port name. */
export function parseHardwarePorts(text: string | undefined): Map<string, string> {
  const ports = new Map<string, string>();
  let port: string | undefined;
  for (const line of lines(text)) {
    const portMatch = /^Hardware Port: (.+)$/.exec(line);
    if (portMatch) port = portMatch[1]?.trim();
    const deviceMatch = /^Device: (\S+)/.exec(line);
    if (deviceMatch?.[1] && port) ports.set(deviceMatch[1], port);
  }
  return ports;
}

/**
 * `netstat -ib`: the <Link#n> row of each interface carries its byte counters. Rows without a
 * MAC address have one column fewer, so the counters are read from the right:
 * Ipkts Ierrs Ibytes Opkts Oerrs Obytes Coll. A trailing "*" marks an interface that is down.
 */
export function parseNetstatBytes(text: string | undefined): Map<string, { rx: number; tx: number }> {
  const counters = new Map<string, { rx: number; tx: number }>();
  for (const line of lines(text)) {
    const tokens = line.trim().split(/\s+/);
    if (tokens.length < 9 || !tokens[2]?.startsWith('<Link#')) continue;
    const name = (tokens[0] ?? '').replace(/\*$/, '');
    const rx = Number(tokens[tokens.length - 5]);
    const tx = Number(tokens[tokens.length - 2]);
    if (!counters.has(name) && Number.isFinite(rx) && Number.isFinite(tx)) counters.set(name, { rx, tx });
  }
  return counters;
}

/** `route -n get [-inet6] default`: "gateway: …" and "interface: …" lines. */
export function parseRouteGet(text: string | undefined): { gateway: string | null; interface: string | null } {
  const gateway = /^\s*gateway: (\S+)/m.exec(text ?? '')?.[1] ?? null;
  const iface = /^\s*interface: (\S+)/m.exec(text ?? '')?.[1] ?? null;
  return { gateway, interface: iface };
}

/**
 * `scutil --dns`: the unscoped resolvers before "(for scoped queries)". Those with a `domain`
 * line are supplemental (mDNS, a VPN's split DNS) and only answer for that domain; the ones
 * without are the machine's general DNS.
 */
export function parseScutilDns(text: string | undefined): { servers: string[]; searchDomains: string[] } {
  const unscoped = (text ?? '').split(/^DNS configuration \(for scoped queries\)/m)[0] ?? '';
  const servers = new Set<string>();
  const searchDomains = new Set<string>();
  for (const block of unscoped.split(/^resolver #\d+/m).slice(1)) {
    if (/^\s*domain\s*:/m.test(block)) continue;
    for (const match of block.matchAll(/nameserver\[\d+\]\s*:\s*(\S+)/g)) if (match[1]) servers.add(match[1]);
    for (const match of block.matchAll(/search domain\[\d+\]\s*:\s*(\S+)/g)) if (match[1]) searchDomains.add(match[1]);
  }
  return { servers: [...servers].slice(0, 32), searchDomains: [...searchDomains].slice(0, 32) };
}

/** lsof escapes spaces and control characters in command names: "Code\x20Helper". */
function unescapeLsof(text: string): string {
  return text.replace(/\\x([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * `lsof -nP +c 0 -iTCP -sTCP:LISTEN` and `lsof -nP +c 0 -iUDP`. A UDP socket "listens" when it
 * has a local port and no peer ("->"). Wildcard addresses are spelled as the other platforms do.
 * One socket appears once per descriptor (launchd hands the same socket to jobs): deduplicated.
 */
export function parseLsof(text: string | undefined, transport: 'tcp' | 'udp'): ListeningPort[] {
  const ports: ListeningPort[] = [];
  const seen = new Set<string>();
  for (const line of lines(text).slice(1)) {
    const tokens = line.trim().split(/\s+/);
    const node = tokens.findIndex((t) => t === 'TCP' || t === 'UDP');
    const name = node >= 0 ? tokens[node + 1] : undefined;
    if (!name || name.includes('->')) continue;
    const colon = name.lastIndexOf(':');
    const port = Number(name.slice(colon + 1));
    if (colon < 0 || !Number.isInteger(port)) continue;
    const ipv6 = tokens.includes('IPv6');
    let address = name.slice(0, colon).replace(/^\[|\]$/g, '');
    if (address === '*') address = ipv6 ? '::' : '0.0.0.0';
    const pid = Number(tokens[1]);
    const entry: ListeningPort = {
      protocol: ipv6 ? (`${transport}6` as const) : transport,
      address: clip(address, 64) ?? address,
      port,
      pid: Number.isInteger(pid) ? pid : null,
      process: clip(unescapeLsof(tokens[0] ?? ''), LIMITS.name),
      user: clip(tokens[2] ?? null, LIMITS.name),
    };
    const key = `${entry.protocol} ${entry.address} ${entry.port} ${entry.pid}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ports.push(entry);
  }
  return ports;
}

export function interfaceType(name: string, port: string | undefined): string {
  if (/^lo\d/.test(name)) return 'loopback';
  if (/^bridge\d/.test(name)) return 'bridge';
  if (port) {
    if (/Wi-?Fi|AirPort/i.test(port)) return 'wifi';
    if (/Bluetooth/i.test(port)) return 'bluetooth';
    return 'ethernet';
  }
  if (/^(utun|ipsec|ppp|tun|tap|wg)\d/.test(name)) return 'vpn';
  if (/^en\d/.test(name)) return 'ethernet';
  // awdl (AirDrop), llw (low-latency WLAN), anpi, ap (hotspot), gif/stf tunnels, vmenet…
  return 'virtual';
}

/** "autoselect (1000baseT <full-duplex>)" → 1000, "10Gbase-T" → 10000; Wi-Fi media carry no speed. */
export function speedFromMedia(media: string | null): number | null {
  const match = /\((\d+)(G?)base/i.exec(media ?? '');
  if (!match) return null;
  return Number(match[1]) * (match[2] ? 1000 : 1);
}

interface ServiceInfo {
  name: string | undefined;
  dhcp: boolean | null;
}

/** Network services from system_profiler: the service name ("Tailscale") and how IPv4 is configured. */
function servicesByInterface(report: ProfilerReport | undefined): Map<string, ServiceInfo> {
  const services = new Map<string, ServiceInfo>();
  for (const item of profilerItems(report, 'SPNetworkDataType')) {
    const iface = asString(item.interface);
    if (!iface) continue;
    const method = asString(asObject(item.IPv4)?.ConfigMethod);
    services.set(iface, { name: asString(item._name), dhcp: method === 'DHCP' || method === 'BOOTP' ? true : method ? false : null });
  }
  return services;
}

export interface NetworkInputs {
  ifconfig?: string;
  /** `networksetup -listallhardwareports` */
  hardwarePorts?: string;
  /** `netstat -ib` */
  netstat?: string;
  /** `route -n get default` */
  route4?: string;
  /** `route -n get -inet6 default` */
  route6?: string;
  /** `scutil --dns` */
  dns?: string;
  lsofTcp?: string;
  lsofUdp?: string;
  profiler?: ProfilerReport;
}

export function parseNetwork(inputs: NetworkInputs): NetworkSection {
  const ports = parseHardwarePorts(inputs.hardwarePorts);
  const counters = parseNetstatBytes(inputs.netstat);
  const services = servicesByInterface(inputs.profiler);
  const interfaces: NetworkInterface[] = parseIfconfig(inputs.ifconfig).map((iface) => {
    const port = ports.get(iface.name);
    const service = services.get(iface.name);
    const bytes = counters.get(iface.name);
    return {
      name: clip(iface.name, LIMITS.name) ?? iface.name,
      description: clip(port ?? service?.name ?? null, LIMITS.name),
      mac: iface.mac,
      type: interfaceType(iface.name, port),
      // Up means usable: the interface is up and, where there is a link, the link is active.
      up: iface.flags.includes('UP') && iface.status !== 'inactive',
      mtu: iface.mtu,
      speedMbps: speedFromMedia(iface.media),
      ipv4: iface.ipv4.slice(0, LIMITS.addressesPerInterface),
      ipv6: iface.ipv6.slice(0, LIMITS.addressesPerInterface),
      dhcp: service?.dhcp ?? null,
      rxBytes: bytes?.rx ?? null,
      txBytes: bytes?.tx ?? null,
    };
  });
  const v4 = parseRouteGet(inputs.route4);
  const v6 = parseRouteGet(inputs.route6);
  const routeInterface = v4.interface ?? v6.interface;
  const primary = interfaces.find((iface) => iface.name === v4.interface)?.ipv4[0]?.split('/')[0] ?? null;
  return {
    interfaces: interfaces.slice(0, LIMITS.interfaces),
    defaultGateway: { ipv4: v4.gateway, ipv6: v6.gateway, interface: routeInterface },
    dns: parseScutilDns(inputs.dns),
    listeningPorts: [...parseLsof(inputs.lsofTcp, 'tcp'), ...parseLsof(inputs.lsofUdp, 'udp')].slice(0, LIMITS.listeningPorts),
    primaryIp: primary,
  };
}

export async function collectNetwork(ctx: CollectContext): Promise<NetworkSection> {
  const [ifconfig, hardwarePorts, netstat, route4, route6, dns, lsofTcp, lsofUdp, profiler] = await Promise.all([
    run(ctx, BIN.ifconfig, ['-a']),
    optional(run(ctx, BIN.networksetup, ['-listallhardwareports'])),
    optional(run(ctx, BIN.netstat, ['-ib'])),
    optional(run(ctx, BIN.route, ['-n', 'get', 'default'])),
    optional(run(ctx, BIN.route, ['-n', 'get', '-inet6', 'default'])),
    optional(run(ctx, BIN.scutil, ['--dns'])),
    // lsof walks every process's descriptors: give it time, and lose only the ports if it stalls.
    optional(run(ctx, BIN.lsof, ['-nP', '+c', '0', '-iTCP', '-sTCP:LISTEN'], { timeoutMs: 30_000 })),
    optional(run(ctx, BIN.lsof, ['-nP', '+c', '0', '-iUDP'], { timeoutMs: 30_000 })),
    optional(loadSharedProfiler(ctx)),
  ]);
  return parseNetwork({ ifconfig, hardwarePorts, netstat, route4, route6, dns, lsofTcp, lsofUdp, profiler });
}
