import { LIMITS, type NetworkSection } from '@muster/protocol';
import { bool, list, object, objects, str, uint, type RawObject } from './values.js';

type Interface = NetworkSection['interfaces'][number];
type ListeningPort = NetworkSection['listeningPorts'][number];

/** AddressFamily: IPv4 = 2, IPv6 = 23 (or their names). */
function family(value: unknown): 4 | 6 | null {
  const n = uint(value);
  if (n === 2) return 4;
  if (n === 23) return 6;
  const s = str(value)?.toLowerCase();
  if (s === 'ipv4') return 4;
  if (s === 'ipv6') return 6;
  return null;
}

/** MSFT_NetIPAddress.AddressState: 0 Invalid, 1 Tentative, 2 Duplicate, 3 Deprecated, 4 Preferred. */
function usableAddress(state: unknown): boolean {
  const n = uint(state);
  if (n !== null) return n >= 3;
  const s = str(state)?.toLowerCase();
  return s === undefined || s === null || s === 'preferred' || s === 'deprecated';
}

/** NdisPhysicalMedium values that name the link. */
const MEDIUM: Record<number, string> = { 1: 'wifi', 8: 'wwan', 9: 'wifi', 10: 'bluetooth', 14: 'ethernet' };
const VPN = /tap-windows|wireguard|wintun|anyconnect|cisco|fortinet|forticlient|openvpn|pangp|globalprotect|juniper|pulse secure|tailscale|zerotier|wan miniport|vpn/i;
const VIRTUAL = /hyper-v virtual ethernet|vethernet|vmware virtual ethernet|virtualbox host-only|docker|wsl|npcap loopback/i;

export function adapterType(a: RawObject): string | null {
  const description = str(a.InterfaceDescription) ?? '';
  const name = str(a.Name) ?? '';
  if (VPN.test(description)) return 'vpn';
  // A host's vNICs (Hyper-V's vEthernet) are virtual; a guest's NIC ("Microsoft Hyper-V Network
  // Adapter") is its hardware, and is ethernet.
  if (VIRTUAL.test(description) || VIRTUAL.test(name) || (bool(a.Virtual) === true && bool(a.HardwareInterface) === false)) return 'virtual';
  if (/bluetooth/i.test(description)) return 'bluetooth';
  const medium = MEDIUM[uint(a.NdisPhysicalMedium) ?? -1];
  if (medium) return medium;
  const physical = `${str(a.PhysicalMediaType) ?? ''} ${str(a.MediaType) ?? ''}`;
  if (/802\.11/.test(physical)) return 'wifi';
  if (/wireless wan/i.test(physical)) return 'wwan';
  if (/802\.3/.test(physical)) return 'ethernet';
  return null;
}

/** "AA-BB-CC-DD-EE-FF" → "aa:bb:cc:dd:ee:ff", the spelling the other platforms use. */
function mac(value: unknown): string | null {
  const s = str(value);
  if (!s) return null;
  const normal = s.replace(/-/g, ':').toLowerCase();
  return /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(normal) && normal !== '00:00:00:00:00:00' ? normal : null;
}

/** Link speed in Mbit/s: Speed (bit/s) when sane, else the LinkSpeed text ("866.7 Mbps", "1 Gbps"). */
function speedMbps(a: RawObject): number | null {
  const bps = uint(a.Speed);
  // Disconnected adapters report 0 or a sentinel such as 2^63-1.
  if (bps !== null && bps > 0 && bps < 1e13) return Math.round(bps / 1e6);
  const m = /^([\d.]+)\s*([kmgt])bps$/i.exec(str(a.LinkSpeed) ?? '');
  if (!m) return null;
  const factor: Record<string, number> = { k: 1e-3, m: 1, g: 1e3, t: 1e6 };
  const mbps = Number(m[1]) * (factor[(m[2] ?? 'm').toLowerCase()] ?? 1);
  return mbps > 0 ? Math.round(mbps) : null;
}

/** Link-local IPv6 addresses carry their scope ("%17", the interface index): redundant here. */
function address(value: unknown): string | null {
  return str(value)?.replace(/%.*$/, '') ?? null;
}

export function parseNetwork(raw: unknown): NetworkSection {
  const r = object(raw) ?? {};
  const adapters = objects(r.adapters);
  const addresses = objects(r.addresses);
  const ipInterfaces = objects(r.ipInterfaces);
  const statistics = new Map(objects(r.statistics).map((s) => [str(s.Name), s] as const));

  const addressesOf = (index: number | null) => {
    const v4: string[] = [];
    const v6: string[] = [];
    for (const a of addresses) {
      if (uint(a.InterfaceIndex) !== index || !usableAddress(a.AddressState)) continue;
      const ip = address(a.IPAddress);
      const prefix = uint(a.PrefixLength);
      if (!ip) continue;
      const text = prefix !== null ? `${ip}/${prefix}` : ip;
      (family(a.AddressFamily) === 6 || ip.includes(':') ? v6 : v4).push(text.slice(0, 64));
    }
    return { ipv4: v4.slice(0, LIMITS.addressesPerInterface), ipv6: v6.slice(0, LIMITS.addressesPerInterface) };
  };
  const dhcpOf = (index: number | null): boolean | null => {
    const ipv4 = ipInterfaces.find((i) => uint(i.InterfaceIndex) === index && family(i.AddressFamily) === 4);
    if (!ipv4) return null;
    const dhcp = uint(ipv4.Dhcp);
    if (dhcp !== null) return dhcp === 1;
    return str(ipv4.Dhcp)?.toLowerCase() === 'enabled';
  };

  const interfaces: Interface[] = [];
  const upIndexes = new Set<number>();
  const nameByIndex = new Map<number, string>();
  for (const a of adapters) {
    const name = str(a.Name, LIMITS.name);
    if (!name) continue;
    const index = uint(a.ifIndex);
    const up = str(a.Status)?.toLowerCase() === 'up';
    if (index !== null) {
      nameByIndex.set(index, name);
      if (up) upIndexes.add(index);
    }
    const stats = statistics.get(name);
    interfaces.push({
      name,
      description: str(a.InterfaceDescription, LIMITS.name),
      mac: mac(a.MacAddress),
      type: adapterType(a),
      up,
      mtu: uint(a.MtuSize),
      speedMbps: up ? speedMbps(a) : null,
      ...addressesOf(index),
      dhcp: dhcpOf(index),
      rxBytes: uint(stats?.ReceivedBytes),
      txBytes: uint(stats?.SentBytes),
    });
  }
  // Get-NetAdapter leaves out the loopback pseudo-interface; its addresses say it is there.
  const loopback = addresses.find((a) => /^loopback/i.test(str(a.InterfaceAlias) ?? '') && !nameByIndex.has(uint(a.InterfaceIndex) ?? -1));
  if (loopback) {
    const index = uint(loopback.InterfaceIndex);
    interfaces.push({ name: str(loopback.InterfaceAlias, LIMITS.name) ?? 'Loopback', description: null, mac: null, type: 'loopback', up: true, mtu: null, speedMbps: null, ...addressesOf(index), dhcp: false, rxBytes: null, txBytes: null });
  }

  // The default route with the lowest metric (route + interface), as Windows itself chooses.
  const routes = objects(r.routes)
    .map((route) => ({ route, metric: (uint(route.RouteMetric) ?? 0) + (uint(route.InterfaceMetric) ?? 0) }))
    .sort((a, b) => a.metric - b.metric)
    .map((x) => x.route);
  const best = (prefix: string, none: string) => routes.find((route) => str(route.DestinationPrefix) === prefix && (str(route.NextHop) ?? none) !== none);
  const v4 = best('0.0.0.0/0', '0.0.0.0');
  const v6 = best('::/0', '::');
  const gatewayRoute = v4 ?? v6;
  const gatewayIndex = uint(gatewayRoute?.InterfaceIndex);
  const gatewayInterface = gatewayIndex !== null ? (nameByIndex.get(gatewayIndex) ?? str(gatewayRoute?.InterfaceAlias, LIMITS.name)) : null;
  const primary = interfaces.find((i) => i.name === gatewayInterface);

  // DNS servers of the connected interfaces, the default route's first. Disconnected and loopback
  // interfaces list fec0:0:0:ffff::1-3, IPv6's long-deprecated site-local defaults: no servers.
  const dnsEntries = objects(r.dnsServers).filter((d) => upIndexes.has(uint(d.InterfaceIndex) ?? -1));
  dnsEntries.sort((a, b) => Number(uint(b.InterfaceIndex) === gatewayIndex) - Number(uint(a.InterfaceIndex) === gatewayIndex));
  const servers = new Set<string>();
  for (const entry of dnsEntries) {
    for (const server of list(entry.ServerAddresses)) {
      const s = address(server);
      if (s && !/^fec0:0:0:ffff::/i.test(s)) servers.add(s.slice(0, 64));
    }
  }
  const searchDomains = new Set<string>();
  for (const suffix of list(object(r.dnsGlobal)?.SuffixSearchList)) {
    const s = str(suffix, LIMITS.name);
    if (s) searchDomains.add(s);
  }
  for (const client of objects(r.dnsClients)) {
    const s = str(client.ConnectionSpecificSuffix, LIMITS.name);
    if (s && upIndexes.has(uint(client.InterfaceIndex) ?? -1)) searchDomains.add(s);
  }

  return {
    interfaces: interfaces.slice(0, LIMITS.interfaces),
    defaultGateway: { ipv4: v4 ? str(v4.NextHop, 64) : null, ipv6: v6 ? address(v6.NextHop) : null, interface: gatewayInterface },
    dns: { servers: [...servers].slice(0, 32), searchDomains: [...searchDomains].slice(0, 32) },
    listeningPorts: listeningPorts(r),
    primaryIp: primary?.ipv4[0]?.split('/')[0] ?? primary?.ipv6[0]?.split('/')[0] ?? null,
  };
}

/** TCP sockets in Listen state and every bound UDP endpoint, with the owning process. */
function listeningPorts(r: RawObject): ListeningPort[] {
  const processes = new Map(objects(r.processes).map((p) => [uint(p.Id), p] as const));
  const out: ListeningPort[] = [];
  const seen = new Set<string>();
  const add = (entries: unknown, protocol: 'tcp' | 'udp') => {
    for (const e of objects(entries)) {
      const addr = address(e.LocalAddress);
      const port = uint(e.LocalPort);
      if (!addr || port === null || port > 65535) continue;
      const pid = uint(e.OwningProcess);
      const proto = addr.includes(':') ? (`${protocol}6` as const) : protocol;
      const key = `${proto} ${addr} ${port} ${pid}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const process = pid !== null ? processes.get(pid) : undefined;
      out.push({
        protocol: proto,
        address: addr.slice(0, 64),
        port,
        pid,
        // PID 4 is the kernel ("System"), which owns HTTP.sys and SMB listeners.
        process: str(process?.ProcessName, LIMITS.name) ?? (pid === 4 ? 'System' : null),
        user: str(process?.UserName, LIMITS.name),
      });
    }
  };
  add(r.tcpListeners, 'tcp');
  add(r.udpEndpoints, 'udp');
  return out.slice(0, LIMITS.listeningPorts);
}
