import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  LAUNCHD_TEMPLATE,
  SYSTEMD_TEMPLATE,
  renderLaunchdPlist,
  renderSystemdUnit,
  renderWindowsInstall,
  resolveAgentScript,
  serviceCommand,
  systemdWord,
} from '../src/service.js';
import { tempDir } from './helpers/machine.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const target = { node: '/usr/bin/node', agent: '/opt/muster/muster-agent.js', stateDir: '/var/lib/muster-agent' };

describe('service files', () => {
  test('the templates in deploy/ are the ones the agent renders', () => {
    assert.equal(fs.readFileSync(path.join(root, 'deploy/systemd/muster-agent.service'), 'utf8'), SYSTEMD_TEMPLATE);
    assert.equal(fs.readFileSync(path.join(root, 'deploy/launchd/com.muster.agent.plist'), 'utf8'), LAUNCHD_TEMPLATE);
  });

  test('the systemd unit runs the current node on the bundle, restarts, and does not restart on a refused credential', () => {
    const unit = renderSystemdUnit(target);
    assert.match(unit, /^ExecStart=\/usr\/bin\/node --lite-mode --no-expose-wasm \/opt\/muster\/muster-agent\.js run --state-dir \/var\/lib\/muster-agent$/m);
    assert.match(unit, /^Restart=always$/m);
    assert.match(unit, /^RestartPreventExitStatus=4$/m);
    assert.match(unit, /^WantedBy=multi-user\.target$/m);
    assert.doesNotMatch(unit, /\{\{/);
  });

  test('paths with spaces, % and $ are quoted and escaped for systemd', () => {
    assert.equal(systemdWord('/opt/my agent/a.js'), '"/opt/my agent/a.js"');
    assert.equal(systemdWord('/opt/100%/a.js'), '/opt/100%%/a.js');
    assert.equal(systemdWord('/opt/$HOME/a.js'), '/opt/$$HOME/a.js');
    assert.equal(systemdWord('/opt/say "hi"/a.js'), '"/opt/say \\"hi\\"/a.js"');
    const unit = renderSystemdUnit({ ...target, stateDir: '/srv/muster state' });
    assert.match(unit, /--state-dir "\/srv\/muster state"$/m);
  });

  test('the launchd plist lists the program arguments, XML-escaped', () => {
    const plist = renderLaunchdPlist({ ...target, agent: '/Applications/Muster & Co/muster-agent.js' });
    assert.match(plist, /<string>\/usr\/bin\/node<\/string>\n\s+<string>--lite-mode<\/string>\n\s+<string>--no-expose-wasm<\/string>\n\s+<string>\/Applications\/Muster &amp; Co\/muster-agent\.js<\/string>\n\s+<string>run<\/string>/);
    assert.match(plist, /<key>Label<\/key>\n\s+<string>com\.muster\.agent<\/string>/);
  });

  test('Windows: a startup task as SYSTEM, with the state directory locked down', () => {
    const ps = renderWindowsInstall({ node: 'C:\\Program Files\\nodejs\\node.exe', agent: "C:\\Muster's\\muster-agent.js", stateDir: 'C:\\ProgramData\\Muster' });
    assert.match(ps, /New-ScheduledTaskAction -Execute 'C:\\Program Files\\nodejs\\node\.exe' -Argument '--lite-mode --no-expose-wasm "C:\\Muster''s\\muster-agent\.js" run --state-dir "C:\\ProgramData\\Muster"'/);
    assert.match(ps, /Register-ScheduledTask -TaskName 'MusterAgent'.*-User 'SYSTEM'/);
    assert.match(ps, /icacls 'C:\\ProgramData\\Muster' \/inheritance:r/);
    assert.match(ps, /sc\.exe create/);
  });
});

describe('service install', () => {
  test('Linux: writes the unit and enables it, when root', () => {
    const unitPath = path.join(tempDir(), 'muster-agent.service');
    const commands: string[] = [];
    let output = '';
    const code = serviceCommand({
      action: 'install',
      target,
      platform: 'linux',
      dryRun: false,
      isRoot: true,
      unitPath,
      exec: (file, args) => void commands.push([file, ...args].join(' ')),
      out: (text) => void (output += text),
    });
    assert.equal(code, 0);
    assert.equal(fs.readFileSync(unitPath, 'utf8'), renderSystemdUnit(target));
    assert.deepEqual(commands, ['systemctl daemon-reload', 'systemctl enable --now muster-agent']);
    assert.match(output, /installed/);

    const removed: string[] = [];
    assert.equal(
      serviceCommand({ action: 'uninstall', target, platform: 'linux', dryRun: false, isRoot: true, unitPath, exec: (f, a) => void removed.push([f, ...a].join(' ')), out: () => undefined }),
      0,
    );
    assert.equal(fs.existsSync(unitPath), false);
    assert.deepEqual(removed, ['systemctl disable --now muster-agent', 'systemctl daemon-reload']);
  });

  test('Linux without root, or with --dry-run, changes nothing', () => {
    const unitPath = path.join(tempDir(), 'muster-agent.service');
    const exec = () => assert.fail('nothing may run');
    let output = '';
    assert.equal(serviceCommand({ action: 'install', target, platform: 'linux', dryRun: false, isRoot: false, unitPath, exec, out: (t) => void (output += t) }), 1);
    assert.match(output, /needs root/);
    output = '';
    assert.equal(serviceCommand({ action: 'install', target, platform: 'linux', dryRun: true, isRoot: true, unitPath, exec, out: (t) => void (output += t) }), 0);
    assert.ok(output.includes(renderSystemdUnit(target)));
    assert.equal(fs.existsSync(unitPath), false);
  });

  test('macOS and Windows: the commands are printed, nothing is run', () => {
    const exec = () => assert.fail('nothing may run');
    let mac = '';
    serviceCommand({ action: 'install', target, platform: 'darwin', dryRun: false, isRoot: true, exec, out: (t) => void (mac += t) });
    assert.match(mac, /launchctl bootstrap system \/Library\/LaunchDaemons\/com\.muster\.agent\.plist/);
    assert.ok(mac.includes(renderLaunchdPlist(target)));
    let win = '';
    serviceCommand({ action: 'install', target, platform: 'win32', dryRun: false, isRoot: false, exec, out: (t) => void (win += t) });
    assert.match(win, /Register-ScheduledTask/);
  });

  test('the service runs the single-file bundle when the bin wrapper has one beside it', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'bin', 'muster-agent.js'), '');
    assert.equal(resolveAgentScript(path.join(dir, 'bin', 'muster-agent.js')), fs.realpathSync(path.join(dir, 'bin', 'muster-agent.js')));
    fs.writeFileSync(path.join(dir, 'dist', 'muster-agent.js'), '');
    assert.equal(resolveAgentScript(path.join(dir, 'bin', 'muster-agent.js')), path.join(fs.realpathSync(dir), 'dist', 'muster-agent.js'));
  });
});
