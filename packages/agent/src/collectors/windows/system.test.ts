import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SystemSection } from '@muster/protocol';
import { detectVirtualization, parseSystem } from './system.js';
import { assertValid, copy, section } from './testFixtures.js';

describe('windows system', () => {
  it('reads the Windows 11 laptop', () => {
    const system = parseSystem(section('win11-laptop', 'system'));
    assertValid(SystemSection, system);
    assert.equal(system.hostname, 'DL5440-AMUELLER');
    // A workgroup (Entra ID-joined) machine with an empty primary DNS suffix has no FQDN.
    assert.equal(system.fqdn, null);
    assert.equal(system.domain, 'WORKGROUP');
    assert.equal(system.hardwareUuid, '4C4C4544-0051-3210-804B-B7C04F4D4433');
    assert.equal(system.machineId, '3f8a2c1e-9b7d-4e61-a5c2-0d4b8e7f1a93');
    assert.equal(system.serialNumber, '7Q2KMD3');
    assert.equal(system.vendor, 'Dell Inc.');
    assert.equal(system.model, 'Latitude 5440');
    assert.equal(system.family, 'Latitude');
    assert.equal(system.chassisType, 'laptop');
    // HypervisorPresent is true (VBS runs Hyper-V underneath) yet this is hardware.
    assert.deepEqual(system.virtualization, { role: 'physical', technology: null });
    assert.equal(system.timezone, 'W. Europe Standard Time');
    assert.equal(system.bootTime, '2023-11-20T06:58:12.500Z');
    assert.equal(system.uptimeSeconds, 5507);
  });

  it('reads the Server 2022 Hyper-V guest', () => {
    const system = parseSystem(section('server2022-vm', 'system'));
    assertValid(SystemSection, system);
    assert.equal(system.hostname, 'APP-SRV-02');
    assert.equal(system.fqdn, 'APP-SRV-02.corp.contoso.com');
    assert.equal(system.domain, 'corp.contoso.com');
    assert.equal(system.vendor, 'Microsoft Corporation');
    assert.equal(system.model, 'Virtual Machine');
    assert.deepEqual(system.virtualization, { role: 'virtual', technology: 'hyperv' });
    // Hyper-V says "Desktop" in ChassisTypes; a guest is a virtual machine whatever its enclosure claims.
    assert.equal(system.chassisType, 'virtual');
    assert.equal(system.serialNumber, '2207-1539-9837-0391-4861-1042-24');
    assert.equal(system.timezone, 'Eastern Standard Time');
    assert.equal(system.uptimeSeconds, 6 * 86400 + 15 * 3600 + 23 * 60 + 50);
  });

  it('copes with PowerShell and firmware quirks', () => {
    const raw = copy(section('win11-laptop', 'system'));
    const cs = raw.computerSystem as Record<string, unknown>;
    cs.Manufacturer = 'LENOVO';
    cs.Model = '21HD003MUS';
    raw.product = [{ UUID: 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', Vendor: 'LENOVO', Name: '21HD003MUS', Version: 'ThinkPad T14 Gen 4' }];
    raw.bios = { SerialNumber: 'To Be Filled By O.E.M.', Manufacturer: 'LENOVO' };
    // ChassisTypes unrolled to a bare number, dates as PowerShell 7 and Get-Date print them.
    raw.enclosure = { ChassisTypes: 31, SerialNumber: 'PF4XK2LM' };
    raw.lastBootUpTime = '2023-11-20T07:58:12.5+01:00';
    raw.localDateTime = { value: '/Date(1700469000000)/', DisplayHint: 2, DateTime: 'Monday, November 20, 2023 9:30:00 AM' };
    const system = parseSystem(raw);
    assertValid(SystemSection, system);
    assert.equal(system.model, 'ThinkPad T14 Gen 4');
    assert.equal(system.hardwareUuid, null);
    assert.equal(system.serialNumber, 'PF4XK2LM');
    assert.equal(system.chassisType, 'laptop');
    assert.equal(system.bootTime, '2023-11-20T06:58:12.500Z');
    assert.equal(system.uptimeSeconds, 5507);
  });

  it('recognises the common hypervisors', () => {
    assert.deepEqual(detectVirtualization('VMware, Inc.', 'VMware7,1'), { role: 'virtual', technology: 'vmware' });
    assert.deepEqual(detectVirtualization('QEMU', 'Standard PC (Q35 + ICH9, 2009)'), { role: 'virtual', technology: 'kvm' });
    assert.deepEqual(detectVirtualization('innotek GmbH', 'VirtualBox'), { role: 'virtual', technology: 'virtualbox' });
    assert.deepEqual(detectVirtualization('Microsoft Corporation', 'Surface Laptop 5'), { role: 'physical', technology: null });
    assert.deepEqual(detectVirtualization(null, null), { role: 'unknown', technology: null });
  });

  it('refuses output without a computer name', () => {
    assert.throws(() => parseSystem({ computerSystem: {} }), /no computer name/);
  });
});
