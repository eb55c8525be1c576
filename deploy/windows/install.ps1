<#
.SYNOPSIS
  Installs the Muster agent on Windows: enrolls the device (when a token is given) and registers
  a startup task that runs `muster-agent run` as SYSTEM, restarted when it exits.

.DESCRIPTION
  node.exe does not speak the Windows service control protocol, so registering it directly with
  `sc.exe create` / `New-Service` ends in error 1053. A scheduled task at startup needs no wrapper.
  To run the agent as a real service, wrap node.exe with WinSW or NSSM instead (see the end).

  The state directory holds the device credential: it is restricted to SYSTEM and Administrators.

.PARAMETER Agent
  The agent's Windows single file, packages/agent/dist/muster-agent-windows.js from
  `node scripts/build.mjs agent` (built on any platform), copied to this machine.

.EXAMPLE
  .\install.ps1 -Agent 'C:\Program Files\Muster\muster-agent-windows.js' -Server https://muster.example.com -Token abcd1234efgh
#>
param(
  [Parameter(Mandatory = $true)] [string] $Agent,
  [string] $Node = (Get-Command node.exe -ErrorAction Stop).Source,
  [string] $StateDir = (Join-Path $env:ProgramData 'Muster'),
  [string] $Server,
  [string] $Token,
  [string] $CaFile,
  [string] $Pin
)
$ErrorActionPreference = 'Stop'
$TaskName = 'MusterAgent'

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  throw 'Run this script in an elevated PowerShell (as Administrator).'
}

New-Item -ItemType Directory -Force -Path $StateDir | Out-Null
# Only SYSTEM and Administrators may read the state directory: the credential lives there.
icacls $StateDir /inheritance:r /grant:r 'SYSTEM:(OI)(CI)F' 'Administrators:(OI)(CI)F' | Out-Null

if ($Server -and $Token) {
  $enrollArgs = @($Agent, 'enroll', '--server', $Server, '--token', $Token, '--state-dir', $StateDir)
  if ($CaFile) { $enrollArgs += @('--ca-file', $CaFile) }
  if ($Pin) { $enrollArgs += @('--pin', $Pin) }
  & $Node @enrollArgs
  if ($LASTEXITCODE -ne 0) { throw "enrollment failed (exit $LASTEXITCODE)" }
}

# --lite-mode: V8 without its optimising compiler, ~15 MB less memory for the same CPU on this workload.
$action = New-ScheduledTaskAction -Execute $Node -Argument "--lite-mode --no-expose-wasm `"$Agent`" run --state-dir `"$StateDir`""
$trigger = New-ScheduledTaskTrigger -AtStartup
# Restarted a minute after it exits (the watchdog exits on purpose when over its budget); no time limit.
$settings = New-ScheduledTaskSettingsSet -StartWhenAvailable -RestartCount 9999 -RestartInterval (New-TimeSpan -Minutes 1) `
  -ExecutionTimeLimit ([TimeSpan]::Zero) -Priority 7
Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $trigger -Settings $settings -User 'SYSTEM' -RunLevel Highest -Force | Out-Null
Start-ScheduledTask -TaskName $TaskName
Write-Host "Muster agent installed as scheduled task '$TaskName'. Status: & '$Node' '$Agent' status --state-dir '$StateDir'"

# As a Windows service instead (with WinSW, for example), configure the wrapper to run
#   "<node.exe>" "<muster-agent.js>" run --state-dir "<StateDir>"
# and register the wrapper: sc.exe create MusterAgent binPath= "C:\Program Files\Muster\winsw.exe" start= delayed-auto
