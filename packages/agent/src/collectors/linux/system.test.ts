import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanDmiValue, chassisClass, dmiDate } from './dmi.js';
import { fakeContext } from './fake-context.js';
import { classifyVirtualization, collectSystem, cpuFlags, fqdnFromHosts, parseBootTime, sssdDomain, timezoneFromLocaltime } from './system.js';
import { assertValidSection, fixture } from './test-support.js';

test('virtualization from evidence', () => {
  const x86Vm = cpuFlags(fixture('proc-cpuinfo-x86_64'));
  // Recorded: a Firecracker microVM whose image came from Docker (/.dockerenv stays) on a block-device root.
  assert.deepEqual(classifyVirtualization({ dockerEnv: true, rootDevice: '/dev/vda', cpuFlags: x86Vm, clocksource: 'tsc' }), { role: 'virtual', technology: null });
  assert.deepEqual(classifyVirtualization({ dockerEnv: true, rootDevice: 'overlay', cpuFlags: x86Vm }), { role: 'container', technology: 'docker' });
  assert.deepEqual(classifyVirtualization({ cgroup: '0::/kubepods.slice/kubepods-burstable.slice/cri-containerd-abc.scope', cpuFlags: x86Vm }), { role: 'container', technology: 'kubernetes' });
  assert.deepEqual(classifyVirtualization({ containerEnv: true }), { role: 'container', technology: 'podman' });
  assert.deepEqual(classifyVirtualization({ systemdContainer: 'lxc' }), { role: 'container', technology: 'lxc' });
  assert.deepEqual(classifyVirtualization({ cpuFlags: ['fpu', 'hypervisor'], dmiVendor: 'QEMU', dmiProduct: 'Standard PC (Q35 + ICH9, 2009)' }), { role: 'virtual', technology: 'kvm' });
  assert.deepEqual(classifyVirtualization({ cpuFlags: ['fpu', 'hypervisor'], dmiVendor: 'Microsoft Corporation', dmiProduct: 'Virtual Machine' }), { role: 'virtual', technology: 'hyperv' });
  assert.deepEqual(classifyVirtualization({ cpuFlags: ['fpu', 'hypervisor'], clocksource: 'kvm-clock' }), { role: 'virtual', technology: 'kvm' });
  assert.deepEqual(classifyVirtualization({ kernelRelease: '5.15.153.1-microsoft-standard-WSL2' }), { role: 'virtual', technology: 'wsl' });
  assert.deepEqual(classifyVirtualization({ cpuFlags: ['fpu', 'sse2'], dmiVendor: 'LENOVO' }), { role: 'physical', technology: null });
  // arm64 has no hypervisor flag to read.
  assert.deepEqual(classifyVirtualization({ cpuFlags: [] }), { role: 'unknown', technology: null });
});

test('small parsers', () => {
  assert.equal(fqdnFromHosts('127.0.0.1 localhost\n127.0.1.1 web01.corp.example.com web01\n', 'web01'), 'web01.corp.example.com');
  assert.equal(fqdnFromHosts('127.0.0.1 localhost\n127.0.0.1 vm\n', 'vm'), null);
  assert.equal(parseBootTime(fixture('proc-stat')) !== null, true);
  assert.equal(timezoneFromLocaltime('/usr/share/zoneinfo/Europe/Paris'), 'Europe/Paris');
  assert.equal(timezoneFromLocaltime(undefined), null);
  assert.equal(sssdDomain('[sssd]\nservices = nss, pam\ndomains = corp.example.com\n'), 'corp.example.com');
  assert.equal(cleanDmiValue('To Be Filled By O.E.M.'), undefined);
  assert.equal(cleanDmiValue('00000000-0000-0000-0000-000000000000'), undefined);
  assert.equal(cleanDmiValue(' PF2ABCDE '), 'PF2ABCDE');
  assert.equal(chassisClass('10'), 'laptop');
  assert.equal(chassisClass('23'), 'server');
  assert.equal(chassisClass(undefined), null);
  assert.equal(dmiDate('03/14/2024'), '2024-03-14');
});

test('collector: laptop with DMI; VM without', async () => {
  const laptop = fakeContext({
    files: {
      '/proc/sys/kernel/hostname': 'web01\n',
      '/etc/hosts': '127.0.0.1 localhost\n127.0.1.1 web01.corp.example.com web01\n',
      '/etc/machine-id': '3d1219c7c4c5404aaa1f6d2a48adfda4\n',
      '/sys/class/dmi/id/sys_vendor': 'LENOVO\n',
      '/sys/class/dmi/id/product_name': '20QDCTO1WW\n',
      '/sys/class/dmi/id/product_family': 'ThinkPad X1 Carbon 7th\n',
      '/sys/class/dmi/id/product_serial': 'PF2ABCDE\n',
      '/sys/class/dmi/id/product_uuid': '4c4c4544-0042-3510-8052-b2c04f4e4a31\n',
      '/sys/class/dmi/id/chassis_type': '10\n',
      '/proc/cpuinfo': 'processor\t: 0\nflags\t\t: fpu sse2\n',
      '/proc/self/mounts': fixture('laptop-mounts'),
      '/etc/timezone': 'Europe/Paris\n',
      '/proc/stat': fixture('proc-stat'),
      '/proc/uptime': '1555.20 3000.10\n',
    },
  });
  const system = await collectSystem(laptop);
  assertValidSection('system', system);
  assert.equal(system.hostname, 'web01');
  assert.equal(system.fqdn, 'web01.corp.example.com');
  assert.equal(system.vendor, 'LENOVO');
  assert.equal(system.serialNumber, 'PF2ABCDE');
  assert.equal(system.hardwareUuid, '4c4c4544-0042-3510-8052-b2c04f4e4a31');
  assert.equal(system.chassisType, 'laptop');
  assert.deepEqual(system.virtualization, { role: 'physical', technology: null });
  assert.equal(system.timezone, 'Europe/Paris');
  assert.equal(system.uptimeSeconds, 1555);
  assert.equal(system.bootTime, new Date((parseBootTime(fixture('proc-stat')) ?? 0) * 1000).toISOString());

  const vm = fakeContext({
    files: { '/proc/sys/kernel/hostname': 'vm\n', '/proc/cpuinfo': fixture('proc-cpuinfo-x86_64'), '/proc/self/mounts': fixture('proc-mounts'), '/.dockerenv': '' },
    links: { '/etc/localtime': '/usr/share/zoneinfo/Etc/UTC' },
  });
  const vmSystem = await collectSystem(vm);
  assertValidSection('system', vmSystem);
  assert.equal(vmSystem.chassisType, 'virtual');
  assert.equal(vmSystem.vendor, null);
  assert.equal(vmSystem.hardwareUuid, null);
  assert.equal(vmSystem.timezone, 'Etc/UTC');
});
