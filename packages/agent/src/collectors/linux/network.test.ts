import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeContext } from './fake-context.js';
import {
  collectNetwork,
  hexToIpv4,
  hexToIpv6,
  interfaceType,
  parseIfInet6,
  parseIpv4DefaultRoute,
  parseIpv6DefaultRoute,
  parseProcNetDev,
  parseProcNetSockets,
  parseResolvConf,
  procSocketHexToIpv6,
  socketOwners,
} from './network.js';
import { assertValidSection, fixture } from './test-support.js';

test('address encodings of /proc/net', () => {
  assert.equal(hexToIpv4('0100007F'), '127.0.0.1');
  assert.equal(hexToIpv4('010200C0'), '192.0.2.1');
  assert.equal(hexToIpv6('fe8000000000000000fc00fffe000001'), 'fe80::fc:ff:fe00:1');
  assert.equal(hexToIpv6('00000000000000000000000000000001'), '::1');
  assert.equal(hexToIpv6('20010db8000000010000000000000000'), '2001:db8:0:1::');
  assert.equal(hexToIpv6('00000000000000000000ffffc0000201'), '::ffff:192.0.2.1');
  // tcp6 prints each 32-bit word in host order.
  assert.equal(procSocketHexToIpv6('00000000000000000000000001000000'), '::1');
  assert.equal(procSocketHexToIpv6('B80D0120000000000000000001000000'), '2001:db8::1');
});

test('routes, addresses, counters and resolv.conf recorded on a VM', () => {
  assert.deepEqual(parseIpv4DefaultRoute(fixture('proc-net-route')), { gateway: '192.0.2.1', iface: 'eth0' });
  assert.deepEqual(parseIpv6DefaultRoute(fixture('proc-net-ipv6_route')), { gateway: 'fd00::1', iface: 'eth0' });
  const v6 = parseIfInet6(fixture('proc-net-if_inet6'));
  assert.deepEqual(v6.get('eth0')?.sort(), ['fd00::2/64', 'fe80::fc:ff:fe00:1/64']);
  assert.deepEqual(v6.get('lo'), ['::1/128']);
  const dev = parseProcNetDev(fixture('proc-net-dev'));
  assert.ok(dev.has('eth0') && dev.has('lo'));
  assert.ok((dev.get('eth0')?.rx ?? 0) > 0);
  assert.deepEqual(parseResolvConf(fixture('resolv.conf-upstream')), { servers: ['192.0.2.53', '2001:db8::53'], searchDomains: ['corp.example.com', 'lab.example.com'] });
});

test('listening sockets: LISTEN tcp, unconnected udp', () => {
  const tcp = parseProcNetSockets(fixture('proc-net-tcp'), 'tcp');
  // Recorded: ten listeners (PostgreSQL, Redis, MariaDB, RabbitMQ…), established connections excluded.
  assert.equal(tcp.length, 10);
  assert.ok(tcp.some((s) => s.address === '0.0.0.0' && s.port === 2024));
  assert.ok(tcp.some((s) => s.address === '127.0.0.1' && s.port === 5432 && s.uid === 101));
  const tcp6 = parseProcNetSockets(fixture('proc-net-tcp6'), 'tcp6');
  assert.deepEqual(tcp6.map((s) => `${s.address}:${s.port}`), ['::1:6379', '::1:4369']);
  const udp = parseProcNetSockets(
    '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n' +
      '  201: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 18231 2 0000000000000000 0\n' +
      '  215: 0F02000A:A3C6 08080808:0035 01 00000000:00000000 00:00000000 00000000  1000        0 99123 2 0000000000000000 0\n',
    'udp',
  );
  assert.deepEqual(udp.map((s) => `${s.address}:${s.port}`), ['127.0.0.53:53']);
});

test('socket owners: fd links of the socket owner first, unreadable processes skipped', () => {
  const ctx = fakeContext({
    files: { '/proc/1/fd/0': '', '/proc/1/fd/1': '', '/proc/1/fd/2': '', '/proc/1/fd/3': '' },
    dirs: { '/proc/812/fd': ['0', '1', '5', '6'], '/proc/900/fd': ['0', '7'] },
    uids: { '/proc/1': 0, '/proc/812': 101, '/proc/900': 1000 },
    links: {
      '/proc/812/fd/0': '/dev/null',
      '/proc/812/fd/5': 'socket:[4882]',
      '/proc/812/fd/6': 'anon_inode:[eventpoll]',
      '/proc/900/fd/7': 'socket:[77]',
    },
  });
  const sockets = [
    { protocol: 'tcp' as const, address: '127.0.0.1', port: 5432, uid: 101, inode: 4882 },
    { protocol: 'tcp' as const, address: '0.0.0.0', port: 2024, uid: 0, inode: 1052 },
  ];
  const owners = socketOwners(ctx.fsx, [1, 812, 900], sockets);
  assert.equal(owners.get(4882), 812);
  assert.equal(owners.has(1052), false);
});

test('interface types', () => {
  const base = { wireless: false, virtualDevice: false, tun: false };
  assert.equal(interfaceType({ ...base, arphrd: '772', virtualDevice: true }), 'loopback');
  assert.equal(interfaceType({ ...base, arphrd: '1' }), 'ethernet');
  assert.equal(interfaceType({ ...base, arphrd: '1', wireless: true }), 'wifi');
  assert.equal(interfaceType({ ...base, arphrd: '1', devtype: 'bridge', virtualDevice: true }), 'bridge');
  assert.equal(interfaceType({ ...base, arphrd: '65534', devtype: 'wireguard', virtualDevice: true }), 'vpn');
  assert.equal(interfaceType({ ...base, arphrd: '1', virtualDevice: true }), 'virtual');
  assert.equal(interfaceType({ ...base, arphrd: '1', tun: true, virtualDevice: true }), 'virtual');
});

test('collector: interfaces, gateway, resolved upstream DNS, ports with owners', async () => {
  const ctx = fakeContext({
    files: {
      '/sys/class/net/eth0/address': '02:fc:00:00:00:01\n',
      '/sys/class/net/eth0/mtu': '1400\n',
      '/sys/class/net/eth0/operstate': 'up\n',
      '/sys/class/net/eth0/flags': '0x1003\n',
      '/sys/class/net/eth0/type': '1\n',
      '/sys/class/net/eth0/uevent': 'INTERFACE=eth0\nIFINDEX=4\n',
      '/sys/class/net/eth0/speed': '1000\n',
      '/sys/class/net/lo/address': '00:00:00:00:00:00\n',
      '/sys/class/net/lo/mtu': '65536\n',
      '/sys/class/net/lo/operstate': 'unknown\n',
      '/sys/class/net/lo/flags': '0x9\n',
      '/sys/class/net/lo/type': '772\n',
      '/sys/class/net/lo/uevent': 'INTERFACE=lo\nIFINDEX=1\n',
      '/sys/class/net/wlp2s0/type': '1\n',
      '/sys/class/net/wlp2s0/operstate': 'down\n',
      '/sys/class/net/wlp2s0/uevent': 'DEVTYPE=wlan\nINTERFACE=wlp2s0\nIFINDEX=3\n',
      '/proc/net/route': fixture('proc-net-route'),
      '/proc/net/ipv6_route': fixture('proc-net-ipv6_route'),
      '/proc/net/if_inet6': fixture('proc-net-if_inet6'),
      '/proc/net/dev': fixture('proc-net-dev'),
      '/proc/net/tcp': fixture('proc-net-tcp'),
      '/proc/net/tcp6': fixture('proc-net-tcp6'),
      '/proc/net/udp': fixture('proc-net-udp'),
      '/etc/resolv.conf': fixture('resolv.conf-resolved'),
      '/run/systemd/resolve/resolv.conf': fixture('resolv.conf-upstream'),
      '/run/systemd/netif/leases/4': 'ADDRESS=192.0.2.2\n',
      '/etc/passwd': fixture('passwd'),
      '/proc/2185/comm': 'postgres\n',
    },
    links: { '/sys/class/net/eth0/device/driver': '../../../bus/virtio/drivers/virtio_net', '/sys/class/net/lo': '../../devices/virtual/net/lo', '/proc/2185/fd/7': 'socket:[4882]' },
    dirs: { '/proc/2185/fd': ['7'] },
    uids: { '/proc/2185': 101 },
  });
  const net = await collectNetwork(ctx);
  assertValidSection('network', net);
  const eth0 = net.interfaces.find((i) => i.name === 'eth0');
  assert.equal(eth0?.type, 'ethernet');
  assert.equal(eth0?.description, 'virtio_net');
  assert.equal(eth0?.up, true);
  assert.equal(eth0?.speedMbps, 1000);
  assert.equal(eth0?.dhcp, true);
  assert.deepEqual(eth0?.ipv6.sort(), ['fd00::2/64', 'fe80::fc:ff:fe00:1/64']);
  const lo = net.interfaces.find((i) => i.name === 'lo');
  assert.equal(lo?.type, 'loopback');
  assert.equal(lo?.up, true);
  assert.equal(lo?.mac, null);
  assert.equal(net.interfaces.find((i) => i.name === 'wlp2s0')?.type, 'wifi');
  assert.equal(net.interfaces.find((i) => i.name === 'wlp2s0')?.up, false);
  assert.deepEqual(net.defaultGateway, { ipv4: '192.0.2.1', ipv6: 'fd00::1', interface: 'eth0' });
  assert.deepEqual(net.dns.servers, ['192.0.2.53', '2001:db8::53']);
  const pg = net.listeningPorts.find((p) => p.port === 5432);
  assert.deepEqual(pg, { protocol: 'tcp', address: '127.0.0.1', port: 5432, pid: 2185, process: 'postgres', user: '101' });
  assert.equal(net.listeningPorts.find((p) => p.port === 2024)?.user, 'root');
});
