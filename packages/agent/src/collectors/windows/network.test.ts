import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NetworkSection } from '@muster/protocol';
import { adapterType, parseNetwork } from './network.js';
import { assertValid, copy, section } from './testFixtures.js';

describe('windows network', () => {
  it('reads the laptop: Wi-Fi, unplugged Ethernet, Bluetooth PAN, Hyper-V vEthernet, loopback', () => {
    const net = parseNetwork(section('win11-laptop', 'network'));
    assertValid(NetworkSection, net);
    assert.deepEqual(
      net.interfaces.map((i) => [i.name, i.type, i.up]),
      [
        ['Wi-Fi', 'wifi', true],
        ['vEthernet (Default Switch)', 'virtual', true],
        ['Ethernet', 'ethernet', false],
        ['Bluetooth Network Connection', 'bluetooth', false],
        ['Loopback Pseudo-Interface 1', 'loopback', true],
      ],
    );
    const wifi = net.interfaces[0];
    assert.deepEqual(wifi, {
      name: 'Wi-Fi',
      description: 'Intel(R) Wi-Fi 6E AX211 160MHz',
      mac: 'a4:6b:b6:3c:51:2e',
      type: 'wifi',
      up: true,
      mtu: 1500,
      speedMbps: 867,
      ipv4: ['192.168.178.57/24'],
      // Temporary and deprecated privacy addresses included; the link-local scope id dropped.
      ipv6: ['2a02:8108:1140:7a00:d0a1:5c7e:a9b3:11f4/128', '2a02:8108:1140:7a00:6b1c:220e:77f3:9a05/128', '2a02:8108:1140:7a00:7d9b:1e2c:4f11:2c3a/64', 'fe80::7c6b:21ff:3f5c:1a2b/64'],
      dhcp: true,
      rxBytes: 1893456721,
      txBytes: 245671234,
    });
    const vethernet = net.interfaces[1];
    assert.deepEqual(vethernet?.ipv4, ['172.27.80.1/20']);
    assert.equal(vethernet?.dhcp, false);
    assert.equal(vethernet?.speedMbps, 10000);
    // The unplugged port's tentative APIPA and link-local addresses are not addresses it has.
    const ethernet = net.interfaces[2];
    assert.deepEqual([ethernet?.ipv4, ethernet?.ipv6, ethernet?.speedMbps], [[], [], null]);
    assert.deepEqual(net.interfaces[4]?.ipv4, ['127.0.0.1/8']);
    assert.deepEqual(net.interfaces[4]?.ipv6, ['::1/128']);

    assert.deepEqual(net.defaultGateway, { ipv4: '192.168.178.1', ipv6: 'fe80::3ea6:2fff:fe8b:4c10', interface: 'Wi-Fi' });
    assert.equal(net.primaryIp, '192.168.178.57');
    // fec0:0:0:ffff::1-3 (the placeholders of interfaces without DNS) are no servers.
    assert.deepEqual(net.dns, { servers: ['192.168.178.1', 'fd00::3ea6:2fff:fe8b:4c10'], searchDomains: ['fritz.box'] });

    const ports = net.listeningPorts;
    assert.equal(ports.filter((p) => p.protocol.startsWith('tcp')).length, 26);
    // One UDP endpoint was listed twice.
    assert.equal(ports.filter((p) => p.protocol.startsWith('udp')).length, 19);
    assert.deepEqual(
      ports.find((p) => p.protocol === 'tcp' && p.port === 135),
      { protocol: 'tcp', address: '0.0.0.0', port: 135, pid: 1132, process: 'svchost', user: 'NT AUTHORITY\\NETWORK SERVICE' },
    );
    assert.deepEqual(
      ports.find((p) => p.protocol === 'tcp6' && p.port === 445),
      { protocol: 'tcp6', address: '::', port: 445, pid: 4, process: 'System', user: null },
    );
    assert.ok(ports.some((p) => p.protocol === 'udp6' && p.address === 'fe80::7c6b:21ff:3f5c:1a2b' && p.port === 1900));
    assert.equal(ports.find((p) => p.port === 9100)?.user, 'AzureAD\\AnnaMueller');
  });

  it('reads the server: a guest NIC with a static address, no IPv6 route, domain suffixes', () => {
    const net = parseNetwork(section('server2022-vm', 'network'));
    assertValid(NetworkSection, net);
    assert.equal(net.interfaces.length, 2);
    const nic = net.interfaces[0];
    // The guest's synthetic NIC is its Ethernet, not a "virtual" host adapter.
    assert.equal(nic?.type, 'ethernet');
    assert.equal(nic?.dhcp, false);
    assert.deepEqual(nic?.ipv4, ['10.20.30.45/24']);
    assert.equal(nic?.speedMbps, 10000);
    assert.equal(nic?.rxBytes, 918273645012);
    assert.deepEqual(net.defaultGateway, { ipv4: '10.20.30.1', ipv6: null, interface: 'Ethernet' });
    assert.deepEqual(net.dns, { servers: ['10.20.0.10', '10.20.0.11'], searchDomains: ['corp.contoso.com', 'contoso.com'] });
    assert.equal(net.primaryIp, '10.20.30.45');
    assert.deepEqual(
      net.listeningPorts.filter((p) => p.port === 1433).map((p) => [p.protocol, p.address, p.process, p.user]),
      [
        ['tcp6', '::', 'sqlservr', 'NT Service\\MSSQLSERVER'],
        ['tcp', '0.0.0.0', 'sqlservr', 'NT Service\\MSSQLSERVER'],
      ],
    );
  });

  it('copes with unrolled lists, enum names, speed sentinels and failed parts', () => {
    const raw = copy(section('server2022-vm', 'network'));
    const adapter = (raw.adapters as Record<string, unknown>[])[0] as Record<string, unknown>;
    adapter.Speed = 9223372036854775807;
    adapter.LinkSpeed = '1 Gbps';
    raw.adapters = adapter; // one adapter, unrolled
    raw.addresses = (raw.addresses as Record<string, unknown>[]).map((a) => ({ ...a, AddressFamily: a.AddressFamily === 2 ? 'IPv4' : 'IPv6', AddressState: 'Preferred' }));
    raw.dnsServers = { InterfaceIndex: 4, AddressFamily: 2, ServerAddresses: '10.20.0.10' };
    raw.routes = { error: 'Access denied ' };
    raw.ipInterfaces = [{ InterfaceIndex: 4, AddressFamily: 'IPv4', Dhcp: 'Enabled' }];
    const net = parseNetwork(raw);
    assertValid(NetworkSection, net);
    assert.equal(net.interfaces[0]?.speedMbps, 1000);
    assert.equal(net.interfaces[0]?.dhcp, true);
    assert.deepEqual(net.interfaces[0]?.ipv4, ['10.20.30.45/24']);
    assert.deepEqual(net.dns.servers, ['10.20.0.10']);
    assert.deepEqual(net.defaultGateway, { ipv4: null, ipv6: null, interface: null });
    assert.equal(net.primaryIp, null);
  });

  it('names adapter kinds', () => {
    assert.equal(adapterType({ InterfaceDescription: 'WireGuard Tunnel', Virtual: true }), 'vpn');
    assert.equal(adapterType({ InterfaceDescription: 'TAP-Windows Adapter V9' }), 'vpn');
    assert.equal(adapterType({ InterfaceDescription: 'Realtek USB GbE Family Controller', PhysicalMediaType: '802.3' }), 'ethernet');
    assert.equal(adapterType({ InterfaceDescription: 'Qualcomm Snapdragon X55 5G', NdisPhysicalMedium: 8 }), 'wwan');
    assert.equal(adapterType({ InterfaceDescription: 'Something', PhysicalMediaType: 'Unspecified' }), null);
  });
});
