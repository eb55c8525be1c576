import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS, ServicesSection } from '@muster/protocol';
import { parseServices } from './services.js';
import { assertValid, copy, section } from './testFixtures.js';

describe('windows services', () => {
  it('reads the laptop', () => {
    const services = parseServices(section('win11-laptop', 'services'));
    assertValid(ServicesSection, services);
    assert.equal(services.manager, 'windows');
    assert.equal(services.items.length, 47);
    const byName = new Map(services.items.map((s) => [s.name, s]));
    assert.deepEqual(byName.get('BITS'), {
      name: 'BITS',
      displayName: 'Background Intelligent Transfer Service',
      description: 'Transfers files in the background using idle network bandwidth.',
      state: 'running',
      startMode: 'auto (delayed)',
      pid: 1384,
      user: 'LocalSystem',
      path: 'C:\\WINDOWS\\System32\\svchost.exe -k netsvcs -p',
    });
    // Stopped services report process id 0: no process.
    assert.equal(byName.get('TermService')?.state, 'stopped');
    assert.equal(byName.get('TermService')?.pid, null);
    assert.equal(byName.get('mfemms')?.startMode, 'disabled');
    // Per-user service instances run as their user and name no account.
    assert.equal(byName.get('CDPUserSvc_5a3c1')?.user, null);
    assert.equal(byName.get('com.docker.service')?.description, null);
    assert.equal(services.items.filter((s) => s.state === 'running').length, 40);
  });

  it('reads the server', () => {
    const services = parseServices(section('server2022-vm', 'services'));
    assertValid(ServicesSection, services);
    const byName = new Map(services.items.map((s) => [s.name, s]));
    assert.equal(byName.get('BITS')?.state, 'stopping');
    assert.equal(byName.get('MSSQLSERVER')?.user, 'NT Service\\MSSQLSERVER');
    assert.equal(byName.get('MSSQLSERVER')?.path, '"C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe" -sMSSQLSERVER');
    assert.equal(byName.get('Spooler')?.startMode, 'disabled');
    assert.equal(byName.get('W32Time')?.startMode, 'auto');
  });

  it('copes with a lone service and over-long text', () => {
    const raw = copy(section('server2022-vm', 'services'));
    raw.services = { Name: 'Contoso', DisplayName: 'Contoso Agent', Description: 'x'.repeat(5000), State: 'Paused', StartMode: 'Manual', DelayedAutoStart: null, ProcessId: 4242, StartName: '.\\svc-contoso', PathName: 'C:\\Contoso\\agent.exe' };
    const services = parseServices(raw);
    assertValid(ServicesSection, services);
    assert.equal(services.items.length, 1);
    assert.equal(services.items[0]?.state, 'paused');
    assert.equal(services.items[0]?.description?.length, LIMITS.text);
  });
});
