<#
.SYNOPSIS
  Removes the Muster agent's startup task. The state directory (credential, spool) is left in
  place; delete it too to forget the enrollment: Remove-Item -Recurse "$env:ProgramData\Muster"
#>
$ErrorActionPreference = 'Stop'
$TaskName = 'MusterAgent'
Stop-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue
Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false
Write-Host "Muster agent task '$TaskName' removed."
