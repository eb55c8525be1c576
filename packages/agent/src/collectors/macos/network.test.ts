import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NetworkSection } from '@muster/protocol';
import { assertSchema, fixture, type MachineName } from './fixture-context.js';
import { parseIfconfig, parseLsof, parseNetwork, parseScutilDns, prefixFromHexMask, speedFromMedia } from './network.js';
import { parseProfilerJson } from './profiler.js';

function networkOf(machine: MachineName) {
  const route6 = machine === 'sonoma-mbp' ? fixture(machine, 'route-default6.txt') : undefined;
  return parseNetwork({
    ifconfig: fixture(machine, 'ifconfig.txt'),
    hardwarePorts: fixture(machine, 'networksetup.txt'),
    netstat: fixture(machine, 'netstat-ib.txt'),
    route4: fixture(machine, 'route-default.txt'),
    route6,
    dns: fixture(machine, 'scutil-dns.txt'),
    lsofTcp: fixture(machine, 'lsof-tcp.txt'),
    lsofUdp: fixture(machine, 'lsof-udp.txt'),
    profiler: parseProfilerJson(fixture(machine, 'system_profiler.json')),
  });
}

test('Sonoma MacBook Pro: Wi-Fi with IPv4 and IPv6, Tailscale on utun3, AirDrop, bridge', () => {
  const network = networkOf('sonoma-mbp');
  assertSchema(NetworkSection, network);
  assert.equal(network.interfaces.length, 18);
  const byName = new Map(network.interfaces.map((i) => [i.name, i]));
  assert.deepEqual(byName.get('en0'), {
    name: 'en0',
    description: 'Wi-Fi',
    mac: '3c:06:30:a2:5b:19',
    type: 'wifi',
    up: true,
    mtu: 1500,
    speedMbps: null,
    ipv4: ['192.168.178.42/24'],
    ipv6: ['fe80::18c4:7de2:9a1f:3b6e/64', '2a02:8108:1240:3e00:1c8d:f5a2:7b3e:91d4/64', '2a02:8108:1240:3e00:a95c:3e17:c04b:2f8a/64'],
    dhcp: true,
    rxBytes: 21734981220,
    txBytes: 1843291577,
  });
  const tailscale = byName.get('utun3');
  assert.equal(tailscale?.type, 'vpn');
  assert.equal(tailscale?.description, 'Tailscale');
  assert.deepEqual(tailscale?.ipv4, ['100.101.34.17/32']);
  assert.deepEqual(tailscale?.ipv6, ['fe80::3a1d:f7ff:fe20:4c11/64', 'fd7a:115c:a1e0::8b01:2211/48']);
  assert.deepEqual(
    ['utun0', 'utun1', 'utun2'].map((n) => byName.get(n)?.type),
    ['vpn', 'vpn', 'vpn'],
  );
  assert.equal(byName.get('awdl0')?.type, 'virtual');
  assert.equal(byName.get('awdl0')?.up, true);
  assert.equal(byName.get('bridge0')?.type, 'bridge');
  assert.equal(byName.get('bridge0')?.up, false, 'UP flag but no active link');
  assert.equal(byName.get('en1')?.description, 'Thunderbolt 1');
  assert.deepEqual(byName.get('lo0')?.ipv4, ['127.0.0.1/8']);
  assert.equal(byName.get('lo0')?.type, 'loopback');
  assert.equal(byName.get('gif0')?.up, false);

  assert.deepEqual(network.defaultGateway, { ipv4: '192.168.178.1', ipv6: 'fe80::3ea6:2fff:fe7e:a1b0%en0', interface: 'en0' });
  assert.equal(network.primaryIp, '192.168.178.42');
  // The Tailscale split-DNS resolver and the mDNS ones answer only for their domains.
  assert.deepEqual(network.dns, { servers: ['192.168.178.1', 'fd00::3ea6:2fff:fe7e:a1b0'], searchDomains: ['fritz.box'] });
});

test('Sonoma listening ports: deduplicated, wildcards spelled out, connected UDP left out', () => {
  const { listeningPorts } = networkOf('sonoma-mbp');
  const tcp = listeningPorts.filter((p) => p.protocol === 'tcp' || p.protocol === 'tcp6');
  assert.equal(tcp.length, 15);
  // launchd holds sshd's socket twice (two descriptors each family): listed once per family.
  assert.deepEqual(
    listeningPorts.filter((p) => p.port === 22),
    [
      { protocol: 'tcp6', address: '::', port: 22, pid: 1, process: 'launchd', user: 'root' },
      { protocol: 'tcp', address: '0.0.0.0', port: 22, pid: 1, process: 'launchd', user: 'root' },
    ],
  );
  assert.deepEqual(listeningPorts.find((p) => p.port === 5432 && p.protocol === 'tcp6'), { protocol: 'tcp6', address: '::1', port: 5432, pid: 1187, process: 'postgres', user: 'anna' });
  assert.equal(listeningPorts.find((p) => p.port === 49867)?.process, 'Code Helper (Plugin)');
  const udp = listeningPorts.filter((p) => p.protocol === 'udp' || p.protocol === 'udp6');
  assert.deepEqual(
    udp.map((p) => `${p.protocol} ${p.port} ${p.process}`),
    ['udp 137 launchd', 'udp 138 launchd', 'udp 5353 mDNSResponder', 'udp6 5353 mDNSResponder', 'udp 60422 mDNSResponder', 'udp 137 netbiosd', 'udp 41641 IPNExtension', 'udp6 41641 IPNExtension'],
  );
  assert.ok(!listeningPorts.some((p) => p.process === 'Google Chrome Helper'), 'a connected UDP socket is not listening');
});

test('Ventura iMac: gigabit Ethernet with a static address, Wi-Fi off, no IPv6 default route', () => {
  const network = networkOf('ventura-imac');
  assertSchema(NetworkSection, network);
  const en0 = network.interfaces.find((i) => i.name === 'en0');
  assert.equal(en0?.type, 'ethernet');
  assert.equal(en0?.description, 'Ethernet');
  assert.equal(en0?.speedMbps, 1000);
  assert.equal(en0?.dhcp, false);
  assert.deepEqual(en0?.ipv4, ['10.20.30.41/23']);
  assert.equal(en0?.rxBytes, 118203477102);
  const wifi = network.interfaces.find((i) => i.name === 'en1');
  assert.equal(wifi?.type, 'wifi');
  assert.equal(wifi?.up, false);
  assert.equal(network.interfaces.find((i) => i.name === 'en3')?.type, 'bluetooth');
  assert.equal(network.interfaces.find((i) => i.name === 'awdl0')?.up, false);
  assert.deepEqual(network.defaultGateway, { ipv4: '10.20.30.1', ipv6: null, interface: 'en0' });
  assert.equal(network.primaryIp, '10.20.30.41');
  assert.deepEqual(network.dns, { servers: ['10.20.0.53', '10.20.0.54'], searchDomains: ['corp.example.com', 'example.com'] });
  assert.deepEqual(
    network.listeningPorts.filter((p) => p.protocol === 'tcp').map((p) => p.port),
    [5900, 22, 49158],
  );
  assert.equal(network.listeningPorts.find((p) => p.port === 3283 && p.protocol === 'tcp6')?.process, 'ARDAgent');
});

test('small parsers', () => {
  assert.equal(prefixFromHexMask('0xffffff00'), 24);
  assert.equal(prefixFromHexMask('0xfffffe00'), 23);
  assert.equal(prefixFromHexMask('0xffffffff'), 32);
  assert.equal(speedFromMedia('autoselect (10Gbase-T <full-duplex>)'), 10000);
  assert.equal(speedFromMedia('autoselect (2500Base-T <full-duplex>)'), 2500);
  assert.equal(speedFromMedia('autoselect'), null);
  const [iface] = parseIfconfig('vlan0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> mtu 1500\n\tether 00:11:22:33:44:55\n\tinet 10.0.0.2 netmask 0xffff0000 broadcast 10.0.255.255\n');
  assert.deepEqual(iface?.ipv4, ['10.0.0.2/16']);
  assert.deepEqual(parseScutilDns('DNS configuration\n\nresolver #1\n  nameserver[0] : 1.1.1.1\n'), { servers: ['1.1.1.1'], searchDomains: [] });
  assert.deepEqual(parseLsof('COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\n', 'tcp'), []);
});
