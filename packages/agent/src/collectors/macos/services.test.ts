import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ServicesSection } from '@muster/protocol';
import { assertSchema, fixture, fixtureContext, type MachineName } from './fixture-context.js';
import { parsePlist } from './plist.js';
import { collectServices, parseDisabledOverrides, parseLaunchctlList, parseServices, type LaunchdJob } from './services.js';

/** The job plists as the collector would read them: XML from files/, binary ones through plutil's recording. */
function jobsOf(machine: MachineName): LaunchdJob[] {
  const jobs: LaunchdJob[] = [];
  const folders = [
    ['Library/LaunchDaemons', 'daemon'],
    ['Library/LaunchAgents', 'agent'],
    ['System/Library/LaunchDaemons', 'daemon'],
  ] as const;
  for (const [dir, kind] of folders) {
    for (const name of ['com.docker.vmnetd', 'us.zoom.ZoomDaemon', 'com.example.backup-agent', 'com.microsoft.update.agent', 'us.zoom.updater.login.check', 'ssh', 'com.apple.ftp-proxy', 'com.apple.syslogd', 'com.apple.mDNSResponder']) {
      const path = `${dir}/${name}.plist`;
      try {
        jobs.push({ path: `/${path}`, kind, plist: parsePlist(fixture(machine, `files/${path}`)) });
      } catch {
        // Not in this folder.
      }
    }
  }
  return jobs;
}

test('launchctl list and the disabled overrides', () => {
  const entries = parseLaunchctlList(fixture('sonoma-mbp', 'launchctl-list.txt'));
  assert.equal(entries.length, 26);
  assert.deepEqual(entries[0], { label: 'com.apple.logd', pid: 377, status: 0 });
  assert.deepEqual(
    entries.find((e) => e.label.startsWith('com.apple.mdworker')),
    { label: 'com.apple.mdworker.shared.0B000000-0000-0000-0000-000000000000', pid: null, status: -9 },
  );
  const overrides = parseDisabledOverrides(fixture('sonoma-mbp', 'launchctl-disabled.txt'));
  assert.equal(overrides.get('com.apple.ftp-proxy'), true);
  assert.equal(overrides.get('com.openssh.sshd'), false);
  assert.equal(overrides.has('com.docker.vmnetd'), false, 'login item associations are not overrides');
  assert.equal(parseDisabledOverrides('disabled services = {\n\t"org.x" => true\n\t"org.y" => false\n}\n').get('org.x'), true);
});

test('Sonoma MacBook Pro: running, on-demand, failed and disabled jobs', () => {
  const services = parseServices({ list: fixture('sonoma-mbp', 'launchctl-list.txt'), disabled: fixture('sonoma-mbp', 'launchctl-disabled.txt'), jobs: jobsOf('sonoma-mbp') });
  assertSchema(ServicesSection, services);
  assert.equal(services.manager, 'launchd');
  const byName = new Map(services.items.map((s) => [s.name, s]));
  assert.deepEqual(byName.get('com.apple.mDNSResponder.reloaded'), {
    name: 'com.apple.mDNSResponder.reloaded',
    displayName: null,
    description: null,
    state: 'running',
    startMode: 'auto',
    pid: 412,
    user: '_mdnsresponder',
    path: '/usr/sbin/mDNSResponder',
  });
  // Socket-activated: running now, started on demand.
  assert.equal(byName.get('com.docker.vmnetd')?.state, 'running');
  assert.equal(byName.get('com.docker.vmnetd')?.startMode, 'manual');
  // Exit status 78 is a failure; a signal (-9) is launchd ending an idle job.
  assert.equal(byName.get('com.example.backup-agent')?.state, 'failed');
  assert.equal(byName.get('com.example.backup-agent')?.user, '_backup');
  assert.equal(byName.get('com.apple.mdworker.shared.0B000000-0000-0000-0000-000000000000')?.state, 'stopped');
  // Remote Login: the plist says Disabled, the administrator's override enables it.
  assert.equal(byName.get('com.openssh.sshd')?.startMode, 'manual');
  assert.equal(byName.get('com.openssh.sshd')?.path, '/usr/libexec/sshd-keygen-wrapper');
  assert.equal(byName.get('com.apple.ftp-proxy')?.startMode, 'disabled');
  assert.equal(byName.get('com.apple.ftp-proxy')?.state, 'stopped');
  // Agents live in per-user domains the root listing does not show.
  assert.equal(byName.get('us.zoom.updater.login.check')?.state, 'unknown');
  assert.equal(byName.get('us.zoom.updater.login.check')?.user, null);
  // Loaded without a plist in the folders read: listed, start mode unknown.
  assert.equal(byName.get('com.apple.WindowServer')?.pid, 513);
  assert.equal(byName.get('com.apple.WindowServer')?.startMode, null);
});

test('the collector reads binary job plists through plutil', async () => {
  const services = await collectServices(fixtureContext('sonoma-mbp'));
  assertSchema(ServicesSection, services);
  const helper = services.items.find((s) => s.name === 'com.microsoft.autoupdate.helper');
  assert.equal(helper?.path, '/Library/PrivilegedHelperTools/com.microsoft.autoupdate.helper');
  assert.equal(helper?.user, 'root');
});

test('Ventura iMac: Jamf, a Homebrew service run as a user, screen sharing enabled by override', async () => {
  const services = await collectServices(fixtureContext('ventura-imac'));
  assertSchema(ServicesSection, services);
  const byName = new Map(services.items.map((s) => [s.name, s]));
  assert.equal(byName.get('com.jamf.management.daemon')?.state, 'running');
  assert.equal(byName.get('com.jamfsoftware.jamf.daemon')?.state, 'failed');
  // The plist file is named "com.jamfsoftware.task.Every 15 Minutes.plist": the label names the job.
  assert.equal(byName.get('com.jamfsoftware.task.1')?.path, '/usr/local/jamf/bin/jamf');
  assert.deepEqual(
    [byName.get('homebrew.mxcl.postgresql@14')?.state, byName.get('homebrew.mxcl.postgresql@14')?.user, byName.get('homebrew.mxcl.postgresql@14')?.pid],
    ['running', 'marco', 955],
  );
  assert.equal(byName.get('com.apple.screensharing')?.startMode, 'manual');
  assert.equal(byName.get('com.jamf.management.agent')?.state, 'unknown');
});
