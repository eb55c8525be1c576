import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `muster-agent service install|uninstall`. The unit and plist texts are rendered by pure
 * functions from templates kept here (the agent ships as one file, so it cannot read them from
 * deploy/ on a device); deploy/systemd/muster-agent.service and deploy/launchd/com.muster.agent.plist
 * hold the same templates, and a test keeps the two in step.
 */

export const SERVICE_NAME = 'muster-agent';
export const SYSTEMD_UNIT_PATH = '/etc/systemd/system/muster-agent.service';
export const LAUNCHD_LABEL = 'com.muster.agent';
export const LAUNCHD_PLIST_PATH = '/Library/LaunchDaemons/com.muster.agent.plist';
export const WINDOWS_TASK_NAME = 'MusterAgent';

export const SYSTEMD_TEMPLATE = `# Muster agent: device inventory. Installed by \`muster-agent service install\`.
[Unit]
Description=Muster agent (device inventory)
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
ExecStart={{EXEC_START}}
Restart=always
RestartSec=10
# 4: the server refused the credential. Restarting cannot fix that; re-enrolling can.
RestartPreventExitStatus=4
# Stay out of the way of the machine's real work.
Nice=10
CPUWeight=20
IOSchedulingClass=idle
# A backstop behind the agent's own watchdog (150 MB), which exits with 70 and is restarted.
MemoryMax=256M
UMask=0077
TimeoutStopSec=30

[Install]
WantedBy=multi-user.target
`;

export const LAUNCHD_TEMPLATE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Muster agent: device inventory. Copy to /Library/LaunchDaemons/com.muster.agent.plist -->
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>com.muster.agent</string>
  <key>ProgramArguments</key>
  <array>
{{PROGRAM_ARGUMENTS}}
  </array>
  <key>RunAtLoad</key>
  <true/>
  <!-- Restarted when it exits with an error (the watchdog exits 70); not after a clean stop. -->
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>ThrottleInterval</key>
  <integer>30</integer>
  <key>ProcessType</key>
  <string>Background</string>
  <key>LowPriorityIO</key>
  <true/>
  <key>Nice</key>
  <integer>10</integer>
  <key>StandardErrorPath</key>
  <string>/Library/Logs/Muster/agent.log</string>
</dict>
</plist>
`;

/**
 * V8 flags for the service. Lite mode gives up the optimising compiler, which this workload
 * (a few hundred ms of JSON and hashing every 15 minutes) does not need: measured on Linux with
 * ~800 packages, a full cycle peaks at ~55 MB instead of ~70 MB for the same CPU time, and the
 * idle daemon sits at ~51 MB instead of ~56 MB. Lite mode turns WebAssembly off anyway (the
 * agent uses none); saying so silences V8's warning about it.
 */
export const NODE_FLAGS = ['--lite-mode', '--no-expose-wasm'] as const;

export interface ServiceTarget {
  /** The node binary (process.execPath). */
  node: string;
  /** The agent script: the single-file bundle when there is one. */
  agent: string;
  stateDir: string;
}

/** One systemd ExecStart word: quoted when it holds spaces or quotes; % and $ escaped, as systemd expands them. */
export function systemdWord(word: string): string {
  const escaped = word.replace(/%/g, '%%').replace(/\$/g, '$$$$');
  if (!/[\s"'\\]/.test(escaped)) return escaped;
  return `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function renderSystemdUnit(target: ServiceTarget): string {
  const exec = [target.node, ...NODE_FLAGS, target.agent, 'run', '--state-dir', target.stateDir].map(systemdWord).join(' ');
  return SYSTEMD_TEMPLATE.replace('{{EXEC_START}}', exec);
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderLaunchdPlist(target: ServiceTarget): string {
  const args = [target.node, ...NODE_FLAGS, target.agent, 'run', '--state-dir', target.stateDir].map((a) => `    <string>${xmlEscape(a)}</string>`).join('\n');
  return LAUNCHD_TEMPLATE.replace('{{PROGRAM_ARGUMENTS}}', args);
}

function psQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * PowerShell that installs the agent on Windows. node.exe does not speak the service control
 * protocol, so `sc.exe create` / `New-Service` on it alone ends in error 1053; a startup
 * scheduled task running as SYSTEM needs no wrapper. (deploy/windows/install.ps1 does the same.)
 */
export function renderWindowsInstall(target: ServiceTarget): string {
  const argument = `${NODE_FLAGS.join(' ')} "${target.agent}" run --state-dir "${target.stateDir}"`;
  return [
    '# Run in an elevated PowerShell.',
    `New-Item -ItemType Directory -Force -Path ${psQuote(target.stateDir)} | Out-Null`,
    '# Only SYSTEM and Administrators may read the state directory (it holds the device credential).',
    `icacls ${psQuote(target.stateDir)} /inheritance:r /grant:r 'SYSTEM:(OI)(CI)F' 'Administrators:(OI)(CI)F' | Out-Null`,
    `$action = New-ScheduledTaskAction -Execute ${psQuote(target.node)} -Argument ${psQuote(argument)}`,
    '$trigger = New-ScheduledTaskTrigger -AtStartup',
    '$settings = New-ScheduledTaskSettingsSet -StartWhenAvailable -RestartCount 9999 -RestartInterval (New-TimeSpan -Minutes 1) -ExecutionTimeLimit ([TimeSpan]::Zero) -Priority 7',
    `Register-ScheduledTask -TaskName ${psQuote(WINDOWS_TASK_NAME)} -Action $action -Trigger $trigger -Settings $settings -User 'SYSTEM' -RunLevel Highest -Force | Out-Null`,
    `Start-ScheduledTask -TaskName ${psQuote(WINDOWS_TASK_NAME)}`,
    '',
    '# To run it as a real Windows service instead, wrap node.exe with a service wrapper (WinSW, NSSM), e.g.:',
    `#   sc.exe create ${WINDOWS_TASK_NAME} binPath= "C:\\Program Files\\Muster\\winsw.exe" start= delayed-auto`,
    `#   (with the wrapper configured to run: "${target.node}" ${argument})`,
    '',
  ].join('\n');
}

export function renderWindowsUninstall(): string {
  return [`Stop-ScheduledTask -TaskName ${psQuote(WINDOWS_TASK_NAME)} -ErrorAction SilentlyContinue`, `Unregister-ScheduledTask -TaskName ${psQuote(WINDOWS_TASK_NAME)} -Confirm:$false`, ''].join('\n');
}

/**
 * The agent script a service should run: the single-file bundle next to the bin wrapper when it
 * exists (the wrapper would run TypeScript through tsx, a heavier process), else what was run.
 */
export function resolveAgentScript(argv1: string | undefined): string {
  if (!argv1) throw new Error('cannot tell where the agent script is; pass --agent PATH');
  let script = argv1;
  try {
    script = fs.realpathSync(argv1);
  } catch {
    // Keep the path as given.
  }
  if (path.basename(script) === 'muster-agent.js' && path.basename(path.dirname(script)) === 'bin') {
    const bundle = path.join(path.dirname(script), '..', 'dist', 'muster-agent.js');
    if (fs.existsSync(bundle)) return path.resolve(bundle);
  }
  return script;
}

export interface ServiceCommandOptions {
  action: 'install' | 'uninstall';
  target: ServiceTarget;
  platform: NodeJS.Platform;
  /** Print what would be done instead of doing it. */
  dryRun: boolean;
  out: (text: string) => void;
  isRoot: boolean;
  /** Runs a command (tests replace it). */
  exec?: (file: string, args: string[]) => void;
  unitPath?: string;
}

/** Carries out `service install|uninstall`; returns the exit code. Only Linux is changed directly. */
export function serviceCommand(options: ServiceCommandOptions): number {
  const { action, target, out } = options;
  const exec = options.exec ?? ((file: string, args: string[]) => void execFileSync(file, args, { stdio: 'inherit' }));
  if (options.platform === 'win32') {
    out(action === 'install' ? renderWindowsInstall(target) : renderWindowsUninstall());
    return 0;
  }
  if (options.platform === 'darwin') {
    if (action === 'install') {
      out(`# Save this as ${LAUNCHD_PLIST_PATH} (owner root:wheel, mode 644):\n\n${renderLaunchdPlist(target)}\n`);
      out(`# then:\nsudo mkdir -p /Library/Logs/Muster\nsudo launchctl bootstrap system ${LAUNCHD_PLIST_PATH}\n`);
    } else {
      out(`sudo launchctl bootout system/${LAUNCHD_LABEL}\nsudo rm ${LAUNCHD_PLIST_PATH}\n`);
    }
    return 0;
  }
  if (options.platform !== 'linux') {
    out(`muster-agent: no service manager support on ${options.platform}; run "${target.node} ${target.agent} run" from your init system\n`);
    return 1;
  }
  const unitPath = options.unitPath ?? SYSTEMD_UNIT_PATH;
  if (action === 'install') {
    const unit = renderSystemdUnit(target);
    if (options.dryRun) {
      out(`# ${unitPath}\n${unit}\n# then: systemctl daemon-reload && systemctl enable --now ${SERVICE_NAME}\n`);
      return 0;
    }
    if (!options.isRoot) {
      out(`muster-agent: installing a system service needs root; run it with sudo (or --dry-run to see the unit)\n`);
      return 1;
    }
    fs.writeFileSync(unitPath, unit, { mode: 0o644 });
    exec('systemctl', ['daemon-reload']);
    exec('systemctl', ['enable', '--now', SERVICE_NAME]);
    out(`installed ${unitPath} and started ${SERVICE_NAME} (logs: journalctl -u ${SERVICE_NAME})\n`);
    return 0;
  }
  if (options.dryRun) {
    out(`systemctl disable --now ${SERVICE_NAME}\nrm ${unitPath}\nsystemctl daemon-reload\n`);
    return 0;
  }
  if (!options.isRoot) {
    out(`muster-agent: removing a system service needs root; run it with sudo\n`);
    return 1;
  }
  try {
    exec('systemctl', ['disable', '--now', SERVICE_NAME]);
  } catch {
    // Not enabled or not running: removing the unit is still right.
  }
  fs.rmSync(unitPath, { force: true });
  exec('systemctl', ['daemon-reload']);
  out(`removed ${SERVICE_NAME}; its state directory ${target.stateDir} (credential, spool) was left in place\n`);
  return 0;
}
