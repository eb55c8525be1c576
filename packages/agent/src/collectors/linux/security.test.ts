import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeContext } from './fake-context.js';
import {
  aptUnattendedSetting,
  clamavDbVersion,
  collectSecurity,
  countAppArmorProfiles,
  parseIptablesSave,
  parseNftRuleset,
  passwordPolicy,
  secureBootFromEfivar,
  summarizeFirewall,
  ufwFromFiles,
} from './security.js';
import { cryptMethod } from './storage.js';
import { assertValidSection, fixture } from './test-support.js';

test('nft ruleset: rules counted inside chains only, input policy read from the base chain', () => {
  const nft = parseNftRuleset(fixture('nft-ruleset.txt'));
  // 7 input rules + 1 masquerade; set elements spanning lines are not rules.
  assert.equal(nft.ruleCount, 8);
  assert.deepEqual(nft.inputChains, [{ name: 'inet filter/input', policy: 'drop' }]);
  assert.deepEqual(parseNftRuleset(''), { ruleCount: 0, inputChains: [] });
});

test('iptables-save', () => {
  const ipt = parseIptablesSave(fixture('iptables-save.txt'));
  assert.equal(ipt.ruleCount, 5);
  assert.deepEqual(ipt.inputChains, [{ name: 'filter/INPUT', policy: 'drop' }]);
});

test('ufw from its own files, and which product the summary names', () => {
  const ufw = ufwFromFiles(fixture('ufw/ufw.conf'), fixture('ufw/default-ufw'), [fixture('ufw/user.rules'), fixture('ufw/user6.rules')]);
  assert.deepEqual(ufw, { enabled: true, defaultInbound: 'drop', ruleCount: 3 });
  const nft = parseNftRuleset(fixture('nft-ruleset.txt'));
  assert.equal(summarizeFirewall({ firewalld: null, ufw, nft, iptables: null }).product, 'ufw');
  assert.deepEqual(summarizeFirewall({ firewalld: { zone: 'public', target: 'reject' }, ufw: null, nft, iptables: null }), {
    enabled: true,
    product: 'firewalld',
    profiles: [{ name: 'public', enabled: true, defaultInbound: 'reject' }],
    ruleCount: 8,
  });
  assert.deepEqual(summarizeFirewall({ firewalld: null, ufw: { ...ufw, enabled: false }, nft, iptables: null }), {
    enabled: true,
    product: 'nftables',
    profiles: [{ name: 'inet filter/input', enabled: true, defaultInbound: 'drop' }],
    ruleCount: 8,
  });
  assert.equal(summarizeFirewall({ firewalld: null, ufw: null, nft: { ruleCount: 0, inputChains: [] }, iptables: null }).enabled, false);
  // Nothing could be read: unknown, not "off".
  assert.deepEqual(summarizeFirewall({ firewalld: null, ufw: null, nft: null, iptables: null }), { enabled: null, product: null, profiles: [], ruleCount: null });
});

test('small parsers: AppArmor, Secure Boot variable, apt periodic, ClamAV header, dm uuid', () => {
  assert.deepEqual(countAppArmorProfiles(fixture('apparmor-profiles')), { enforce: 7, complain: 1 });
  assert.equal(secureBootFromEfivar(Uint8Array.from([6, 0, 0, 0, 1])), true);
  assert.equal(secureBootFromEfivar(Uint8Array.from([6, 0, 0, 0, 0])), false);
  assert.equal(secureBootFromEfivar(undefined), null);
  assert.equal(aptUnattendedSetting([fixture('20auto-upgrades')]), true);
  assert.equal(aptUnattendedSetting([fixture('20auto-upgrades'), 'APT::Periodic::Unattended-Upgrade "0";']), false);
  assert.equal(aptUnattendedSetting(['// APT::Periodic::Unattended-Upgrade "1";']), null);
  assert.equal(clamavDbVersion('ClamAV-VDB:14 Jan 2025 08-39 +0000:27517:2070845:90:X:X:raynman:1736843974'), '27517');
  assert.equal(cryptMethod('CRYPT-LUKS2-6f5e0a1b2c3d4e5f6a7b8c9d0e1f2a3b-luks-6f5e0a1b'), 'LUKS2');
  assert.equal(cryptMethod('CRYPT-PLAIN-swap'), 'PLAIN');
  assert.equal(cryptMethod('CRYPT-VERITY-abc-root'), null);
  assert.equal(cryptMethod('LVM-abc'), null);
});

test('password policy from login.defs, pwquality and faillock', () => {
  assert.deepEqual(passwordPolicy({ loginDefs: { PASS_MAX_DAYS: '99999' }, pam: [] }), { minLength: null, maxAgeDays: null, lockoutThreshold: null });
  assert.deepEqual(
    passwordPolicy({
      loginDefs: { PASS_MAX_DAYS: '90', PASS_MIN_LEN: '6' },
      pwquality: '# minlen = 8\nminlen = 12\n',
      faillock: '# deny = 3\ndeny = 5\n',
      pam: ['auth required pam_faillock.so preauth\nauth [success=1 default=ignore] pam_unix.so nullok\n', 'password requisite pam_pwquality.so retry=3\n'],
    }),
    { minLength: 12, maxAgeDays: 90, lockoutThreshold: 5 },
  );
});

test('collector on an Ubuntu laptop: LUKS root, AppArmor, Secure Boot, TPM 2.0, ufw, unattended-upgrades', async () => {
  const ctx = fakeContext({
    files: {
      '/etc/os-release': fixture('os-release-ubuntu'),
      '/etc/passwd': fixture('passwd'),
      '/etc/group': fixture('group'),
      '/etc/login.defs': fixture('login.defs'),
      '/proc/self/mounts': fixture('laptop-mounts'),
      '/sys/block/dm-0/dm/name': 'nvme0n1p3_crypt\n',
      '/sys/block/dm-0/dm/uuid': 'CRYPT-LUKS2-6f5e0a1b2c3d4e5f6a7b8c9d0e1f2a3b-nvme0n1p3_crypt\n',
      '/sys/block/dm-0/slaves/nvme0n1p3': '',
      '/sys/block/dm-1/dm/name': 'vgubuntu-root\n',
      '/sys/block/dm-1/dm/uuid': 'LVM-Jk1lLkUuIdxJkIj0abcdef\n',
      '/sys/block/dm-1/slaves/dm-0': '',
      '/sys/module/apparmor/parameters/enabled': 'Y\n',
      '/sys/kernel/security/apparmor/profiles': fixture('apparmor-profiles'),
      '/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c': Uint8Array.from([6, 0, 0, 0, 1]),
      '/sys/class/tpm/tpm0/tpm_version_major': '2\n',
      '/etc/ufw/ufw.conf': fixture('ufw/ufw.conf'),
      '/etc/default/ufw': fixture('ufw/default-ufw'),
      '/etc/ufw/user.rules': fixture('ufw/user.rules'),
      '/etc/ufw/user6.rules': fixture('ufw/user6.rules'),
      '/usr/bin/unattended-upgrade': '',
      '/etc/apt/apt.conf.d/20auto-upgrades': fixture('20auto-upgrades'),
      '/etc/pam.d/common-password': 'password [success=1 default=ignore] pam_unix.so obscure yescrypt\n',
    },
    statfs: { '/': { totalBytes: 500e9, freeBytes: 200e9, availableBytes: 175e9 } },
  });
  const sec = await collectSecurity(ctx);
  assertValidSection('security', sec);
  assert.equal(sec.diskEncryption.enabled, true);
  assert.equal(sec.diskEncryption.product, 'LUKS');
  assert.deepEqual(sec.diskEncryption.volumes.find((v) => v.volume === '/'), { volume: '/', encrypted: true, method: 'LUKS2', status: 'unlocked', protection: null });
  assert.equal(sec.diskEncryption.volumes.find((v) => v.volume === '/boot')?.encrypted, false);
  assert.deepEqual(sec.apparmor, { enabled: true, profilesEnforced: 7, profilesComplain: 1 });
  assert.equal(sec.selinux, null);
  assert.equal(sec.secureBoot, true);
  assert.deepEqual(sec.tpm, { present: true, enabled: true, version: '2.0', manufacturer: null });
  assert.equal(sec.firewall.product, 'ufw');
  assert.deepEqual(sec.autoUpdate, { enabled: true, mechanism: 'unattended-upgrades' });
  // root, sudo member alice, admin member bob, wheelie whose primary group is wheel.
  assert.deepEqual(sec.localAdmins, ['alice', 'bob', 'root', 'wheelie']);
  // Nothing runs when no firewall tool is installed.
  assert.deepEqual(ctx.execCalls, []);
});

test('collector on RHEL with SELinux enforcing and nft readable; and in a bare container', async () => {
  const rhel = fakeContext({
    files: {
      '/etc/os-release': fixture('os-release-rhel9'),
      '/etc/passwd': fixture('passwd'),
      '/etc/group': fixture('group'),
      '/sys/fs/selinux/enforce': '1',
      '/etc/selinux/config': 'SELINUX=enforcing\nSELINUXTYPE=targeted\n',
      '/usr/sbin/nft': '',
      '/etc/systemd/system/timers.target.wants/dnf-automatic-install.timer': '',
      '/sys/firmware/acpi/tables/DSDT': '',
    },
    programs: { '/usr/sbin/nft list ruleset': fixture('nft-ruleset.txt') },
  });
  const sec = await collectSecurity(rhel);
  assertValidSection('security', sec);
  assert.deepEqual(sec.selinux, { mode: 'enforcing', policy: 'targeted' });
  assert.equal(sec.firewall.product, 'nftables');
  assert.equal(sec.firewall.ruleCount, 8);
  assert.deepEqual(sec.autoUpdate, { enabled: true, mechanism: 'dnf-automatic' });
  // Legacy BIOS boot (no /sys/firmware/efi) cannot be Secure Boot.
  assert.equal(sec.secureBoot, false);
  assert.equal(sec.diskEncryption.enabled, null);

  const container = fakeContext({ files: { '/etc/os-release': fixture('os-release-alpine') } });
  const bare = await collectSecurity(container);
  assertValidSection('security', bare);
  assert.equal(bare.secureBoot, null);
  assert.equal(bare.tpm, null);
  assert.equal(bare.autoUpdate, null);
  assert.equal(bare.firewall.enabled, null);
});
