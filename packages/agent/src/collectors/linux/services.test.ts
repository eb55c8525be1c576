import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeContext } from './fake-context.js';
import { buildSystemdServices, collectServices, parseInitScript, parseListUnitFiles, parseListUnits, parseSystemctlShow } from './services.js';
import { assertValidSection, fixture } from './test-support.js';

const SYSTEMCTL_UNITS = '/usr/bin/systemctl list-units --all --type=service --plain --no-legend --no-pager';
const SYSTEMCTL_FILES = '/usr/bin/systemctl list-unit-files --type=service --plain --no-legend --no-pager';

test('systemctl list-units, list-unit-files and show', () => {
  const units = parseListUnits(fixture('systemctl-list-units.txt'));
  assert.equal(units.length, 9);
  assert.deepEqual(units.find((u) => u.name === 'nginx.service'), { name: 'nginx.service', load: 'loaded', active: 'failed', sub: 'failed', description: 'A high performance web server and a reverse proxy server' });
  const files = parseListUnitFiles(fixture('systemctl-list-unit-files.txt'));
  assert.equal(files.get('x11-common.service'), 'masked');
  const show = parseSystemctlShow(fixture('systemctl-show.txt'));
  assert.equal(show.get('ssh.service')?.get('MainPID'), '655');

  const services = buildSystemdServices(units, files, show);
  const byName = new Map(services.map((s) => [s.name, s]));
  // Referenced but not installed: left out.
  assert.equal(byName.has('display-manager.service'), false);
  assert.deepEqual(byName.get('ssh.service'), { name: 'ssh.service', displayName: null, description: 'OpenBSD Secure Shell server', state: 'running', startMode: 'auto', pid: 655, user: 'root', path: '/lib/systemd/system/ssh.service' });
  assert.equal(byName.get('nginx.service')?.state, 'failed');
  assert.equal(byName.get('nginx.service')?.pid, null);
  assert.equal(byName.get('systemd-tmpfiles-setup.service')?.state, 'exited');
  assert.equal(byName.get('systemd-tmpfiles-setup.service')?.startMode, 'static');
  assert.equal(byName.get('unattended-upgrades.service')?.state, 'stopped');
  assert.equal(byName.get('getty@tty1.service')?.startMode, 'auto');
  // Unit files systemd has not loaded are installed services too; templates are not.
  assert.deepEqual(byName.get('rsync.service'), { name: 'rsync.service', displayName: null, description: null, state: 'stopped', startMode: 'manual', pid: null, user: null, path: null });
  assert.equal(byName.get('x11-common.service')?.startMode, 'disabled');
  assert.equal(byName.has('getty@.service'), false);
});

test('systemd collector: three systemctl calls, only under systemd', async () => {
  const loaded = parseListUnits(fixture('systemctl-list-units.txt'))
    .filter((u) => u.load === 'loaded')
    .map((u) => u.name);
  const ctx = fakeContext({
    files: { '/usr/bin/systemctl': '' },
    dirs: { '/run/systemd/system': [] },
    programs: {
      [SYSTEMCTL_UNITS]: fixture('systemctl-list-units.txt'),
      [SYSTEMCTL_FILES]: fixture('systemctl-list-unit-files.txt'),
      [`/usr/bin/systemctl show --no-pager -p Id,MainPID,User,FragmentPath,UnitFileState -- ${loaded.join(' ')}`]: fixture('systemctl-show.txt'),
    },
  });
  const services = await collectServices(ctx);
  assertValidSection('services', services);
  assert.equal(services.manager, 'systemd');
  // 8 loaded units and 3 unit files never loaded (apt-daily, rsync, x11-common).
  assert.equal(services.items.length, 11);
  assert.equal(ctx.execCalls.length, 3);

  // systemctl installed but systemd not running (a container): no spawn at all.
  const container = fakeContext({ files: { '/usr/bin/systemctl': '', '/proc/1/comm': 'node\n' } });
  const none = await collectServices(container);
  assert.deepEqual(none, { manager: 'none', items: [] });
  assert.deepEqual(container.execCalls, []);
});

test('init scripts: LSB header, DAEMON and pid file', () => {
  const rsync = parseInitScript(fixture('init.d/rsync-debian-lsb'), 'rsync');
  assert.equal(rsync.description, 'fast remote file copy program daemon');
  assert.equal(rsync.daemon, '/usr/bin/rsync');
  const sshd = parseInitScript(fixture('init.d/sshd-openrc'), 'sshd');
  assert.equal(sshd.description, 'OpenBSD Secure Shell server');
  // command="${SSHD_BINARY}" comes from a ${VAR:=default} expansion: not guessed.
  assert.equal(sshd.daemon, undefined);
  const dbus = parseInitScript('#!/bin/sh\n# Short-Description: D-Bus systemwide message bus\nDAEMON=/usr/bin/dbus-daemon\nNAME=dbus\nPIDDIR=/var/run/dbus\nPIDFILE=$PIDDIR/pid\nEVAL=`date`\n', 'dbus');
  assert.equal(dbus.pidfile, '/var/run/dbus/pid');
});

test('no service manager (container): init scripts with what the process table says', async () => {
  const ctx = fakeContext({
    files: {
      '/proc/1/comm': 'process_api\n',
      '/etc/init.d/rsync': fixture('init.d/rsync-debian-lsb'),
      '/etc/init.d/redis-server': '#!/bin/sh\n# Short-Description: redis-server - Persistent key-value db\nDAEMON=/usr/bin/redis-server\nPIDFILE=/run/redis.pid\n',
      '/etc/init.d/rabbitmq-server': '#!/bin/sh\n# Short-Description: RabbitMQ broker\nNAME=rabbitmq-server\nDAEMON=/usr/sbin/${NAME}\n',
      '/usr/sbin/rabbitmq-server': '#!/bin/sh\nexec erl ...\n',
      '/etc/init.d/README': 'not a service\n',
      '/etc/rc2.d/S01rsync': '',
      '/etc/rc2.d/S01redis-server': '',
      '/run/redis.pid': '2205\n',
      '/proc/2205/comm': 'redis-server\n',
      '/proc/2934/comm': 'beam.smp\n',
    },
  });
  const services = await collectServices(ctx);
  assertValidSection('services', services);
  assert.equal(services.manager, 'none');
  assert.deepEqual(
    services.items.map((s) => [s.name, s.state, s.startMode, s.pid]),
    [
      // A wrapper script's process runs under another name: unknown, not "stopped".
      ['rabbitmq-server', 'unknown', 'manual', null],
      ['redis-server', 'running', 'auto', 2205],
      ['rsync', 'stopped', 'auto', null],
    ],
  );
});

test('OpenRC: started and failed services from its runtime directory', async () => {
  const ctx = fakeContext({
    files: {
      '/etc/init.d/sshd': fixture('init.d/sshd-openrc'),
      '/etc/init.d/crond': '#!/sbin/openrc-run\ndescription="cron daemon"\ncommand=/usr/sbin/crond\n',
      '/etc/init.d/nginx': '#!/sbin/openrc-run\ndescription="Nginx HTTP server"\n',
      '/etc/runlevels/default/sshd': '',
      '/etc/runlevels/default/crond': '',
      '/run/openrc/started/sshd': '',
      '/run/openrc/failed/nginx': '',
      '/run/openrc/softlevel': 'default\n',
    },
  });
  const services = await collectServices(ctx);
  assertValidSection('services', services);
  assert.equal(services.manager, 'openrc');
  assert.deepEqual(
    services.items.map((s) => [s.name, s.state, s.startMode]),
    [
      ['crond', 'stopped', 'auto'],
      ['nginx', 'failed', 'manual'],
      ['sshd', 'running', 'auto'],
    ],
  );
});
