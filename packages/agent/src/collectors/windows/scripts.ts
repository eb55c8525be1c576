/**
 * The PowerShell the Windows collectors run. Written for Windows PowerShell 5.1, the one every
 * Windows 10/11 and Server 2016+ has: no `??`, no ternary, no `-Parallel`, no `&&`; CIM rather than
 * the deprecated Get-WmiObject. The scripts print raw-ish data (selected properties, never whole CIM
 * objects) as one compressed JSON object; all mapping to the protocol happens in the TypeScript
 * parsers, which are tested on recorded output.
 *
 * Shared rules:
 * - every section, and every optional part of one, runs in its own try/catch and reports
 *   {"error": "..."} instead of failing the rest;
 * - lists are forced to arrays (`SafeList` / `@(...)`), yet the parsers still accept bare objects;
 * - COM dates are formatted by the script (they arrive without a time zone), CIM dates are left to
 *   ConvertTo-Json ("/Date(ms)/");
 * - the JSON is made pure ASCII (\uXXXX escapes) so that the console code page cannot garble names.
 *
 * These are TypeScript strings (not .ps1 files) because the agent ships as a single bundled file.
 * They must not contain a backtick or a dollar-brace sequence: neither is needed in the PowerShell,
 * and both would break the template literal.
 */

/** Helpers both scripts start with. */
const PRELUDE = String.raw`
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$VerbosePreference = 'SilentlyContinue'
# PowerShell 5.1 gives arrays wrapped in a PSObject a Count property, and ConvertTo-Json then prints
# them as {"value": [...], "Count": n}. Dropping that type data keeps arrays plain.
try { Remove-TypeData -TypeName System.Array -ErrorAction Stop } catch { }
$LF = [string][char]10

# One part of the output: its value, or {error} when it throws.
function Safe([scriptblock]$Block) {
  try { & $Block } catch { @{ error = [string]$_.Exception.Message } }
}
# The same for a list: the leading comma keeps a 0- or 1-element array an array.
function SafeList([scriptblock]$Block) {
  try { ,@(& $Block) } catch { @{ error = [string]$_.Exception.Message } }
}
# A part computed earlier and shared by sections: rethrow its error inside the section that needs it.
function Need($Value) {
  if ($Value -is [hashtable] -and $Value.ContainsKey('error')) { throw [string]$Value.error }
  $Value
}
function Get-Cim([string]$Class, [string]$Namespace = 'root/cimv2', [string]$Filter = '') {
  if ($Filter) { Get-CimInstance -Namespace $Namespace -ClassName $Class -Filter $Filter -OperationTimeoutSec 30 -ErrorAction Stop }
  else { Get-CimInstance -Namespace $Namespace -ClassName $Class -OperationTimeoutSec 30 -ErrorAction Stop }
}
# A native program's standard output as one string (null when it is missing or prints nothing).
# Windows PowerShell turns native stderr lines into errors, which 'Stop' would make fatal.
function Invoke-Native([string]$File, [string[]]$Arguments) {
  if (-not (Get-Command $File -CommandType Application -ErrorAction SilentlyContinue)) { return $null }
  $saved = $ErrorActionPreference
  $ErrorActionPreference = 'Continue'
  try {
    $lines = & $File @Arguments 2>$null
    if ($null -eq $lines) { return $null }
    return (@($lines) -join $LF)
  } finally { $ErrorActionPreference = $saved }
}
# COM dates (Windows Update) carry no time zone and are UTC: format them here, marked as such.
function Format-UtcDate($Value) {
  if ($null -eq $Value -or $Value -isnot [datetime]) { return $null }
  $Value.ToString('s', [System.Globalization.CultureInfo]::InvariantCulture) + 'Z'
}
function Write-Result($Result) {
  $json = ConvertTo-Json -InputObject $Result -Depth 8 -Compress
  # [char]92 is the backslash: "\u00fc" and so on, valid JSON whatever the console code page.
  $json = [regex]::Replace($json, '[^\x00-\x7F]', { param($m) '{0}u{1:x4}' -f [char]92, [int][char]$m.Value })
  [Console]::Out.Write($json)
}
`;

/** Everything but metrics, in one PowerShell start (which alone costs 0.3 to 0.5 s). */
export const INVENTORY_SCRIPT =
  PRELUDE +
  String.raw`
# The 64-bit registry view whatever the bitness of this PowerShell.
$HKLM = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Registry64)
$HKU = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::Users, [Microsoft.Win32.RegistryView]::Registry64)
function Get-RegValue($Root, [string]$Path, [string]$Name) {
  $key = $Root.OpenSubKey($Path)
  if ($null -eq $key) { return $null }
  try { return $key.GetValue($Name) } finally { $key.Close() }
}
function Get-RegValues($Root, [string]$Path, [string[]]$Names) {
  $key = $Root.OpenSubKey($Path)
  if ($null -eq $key) { return $null }
  try {
    $values = [ordered]@{}
    foreach ($name in $Names) { $values[$name] = $key.GetValue($name) }
    return $values
  } finally { $key.Close() }
}
function Test-RegKey($Root, [string]$Path) {
  $key = $Root.OpenSubKey($Path)
  if ($null -eq $key) { return $false }
  $key.Close()
  return $true
}
$sidNames = @{}
function Resolve-Sid([string]$Sid) {
  if (-not $Sid) { return $null }
  if ($sidNames.ContainsKey($Sid)) { return $sidNames[$Sid] }
  $name = $null
  try { $name = (New-Object System.Security.Principal.SecurityIdentifier($Sid)).Translate([System.Security.Principal.NTAccount]).Value } catch { }
  $sidNames[$Sid] = $name
  return $name
}
# Loaded user hives of real accounts (local S-1-5-21, Entra ID S-1-12-1), not their _Classes twins.
function Get-UserHiveSids {
  @($HKU.GetSubKeyNames() | Where-Object { $_ -match '^S-1-(5-21|12-1)-[0-9-]+$' })
}

$now = Get-Date
$result = [ordered]@{ script = 'muster-inventory'; version = 1 }

# Parts several sections share, read once.
$osInfo = Safe { Get-Cim Win32_OperatingSystem | Select-Object -First 1 }
$csInfo = Safe { Get-Cim Win32_ComputerSystem | Select-Object -First 1 }
$profiles = SafeList {
  Get-Cim Win32_UserProfile | ForEach-Object {
    [pscustomobject]@{ SID = $_.SID; LocalPath = $_.LocalPath; LastUseTime = $_.LastUseTime; Special = $_.Special; Loaded = $_.Loaded; Account = (Resolve-Sid $_.SID) }
  }
}
$admins = Safe {
  # The group is found by its well-known SID: its name is translated ("Administratoren", ...).
  $groupName = $null
  $account = Resolve-Sid 'S-1-5-32-544'
  if ($account) { $groupName = $account.Split('\')[-1] }
  try {
    $members = @(Get-LocalGroupMember -SID 'S-1-5-32-544' -ErrorAction Stop | ForEach-Object {
      [pscustomobject]@{ Name = $_.Name; SID = [string]$_.SID; ObjectClass = [string]$_.ObjectClass; PrincipalSource = [string]$_.PrincipalSource }
    })
    @{ source = 'Get-LocalGroupMember'; groupName = $groupName; members = $members }
  } catch {
    # Get-LocalGroupMember fails on domain controllers and on groups holding unresolvable
    # (Entra ID, deleted) SIDs; net localgroup still lists them.
    $failure = [string]$_.Exception.Message
    $text = $null
    if ($groupName) { $text = Invoke-Native 'net.exe' @('localgroup', $groupName) }
    @{ source = 'net localgroup'; groupName = $groupName; failure = $failure; text = $text }
  }
}
$bitlocker = SafeList {
  Get-Cim Win32_EncryptableVolume 'root/cimv2/Security/MicrosoftVolumeEncryption' | ForEach-Object {
    $volume = $_
    $conversion = $null
    $percent = $null
    try {
      $status = Invoke-CimMethod -InputObject $volume -MethodName GetConversionStatus -ErrorAction Stop
      $conversion = $status.ConversionStatus
      $percent = $status.EncryptionPercentage
    } catch { }
    [pscustomobject]@{ DriveLetter = $volume.DriveLetter; DeviceID = $volume.DeviceID; VolumeType = $volume.VolumeType; ProtectionStatus = $volume.ProtectionStatus; EncryptionMethod = $volume.EncryptionMethod; ConversionStatus = $conversion; EncryptionPercentage = $percent }
  }
}

$result.system = Safe {
  $cs = Need $csInfo
  @{
    computerSystem = $cs | Select-Object -Property Name, DNSHostName, Domain, PartOfDomain, Workgroup, DomainRole, Manufacturer, Model, SystemFamily, SystemSKUNumber, PCSystemType, HypervisorPresent
    product = Safe { Get-Cim Win32_ComputerSystemProduct | Select-Object -First 1 -Property UUID, Vendor, Name, Version, IdentifyingNumber }
    bios = Safe { Get-Cim Win32_BIOS | Select-Object -First 1 -Property SerialNumber, Manufacturer }
    enclosure = Safe { Get-Cim Win32_SystemEnclosure | Select-Object -First 1 -Property ChassisTypes, SerialNumber, Manufacturer }
    tcpip = Get-RegValues $HKLM 'SYSTEM\CurrentControlSet\Services\Tcpip\Parameters' @('Hostname', 'Domain')
    machineGuid = Get-RegValue $HKLM 'SOFTWARE\Microsoft\Cryptography' 'MachineGuid'
    timeZone = [System.TimeZoneInfo]::Local.Id
    lastBootUpTime = $osInfo.LastBootUpTime
    localDateTime = $osInfo.LocalDateTime
  }
}

$result.os = Safe {
  $os = Need $osInfo
  @{
    os = $os | Select-Object -Property Caption, Version, BuildNumber, OSArchitecture, InstallDate, ProductType, OperatingSystemSKU, SystemDrive
    currentVersion = Get-RegValues $HKLM 'SOFTWARE\Microsoft\Windows NT\CurrentVersion' @('ProductName', 'DisplayVersion', 'ReleaseId', 'CurrentBuildNumber', 'UBR', 'EditionID', 'InstallationType')
    # Not $env:PROCESSOR_ARCHITECTURE: that is this process's, x86 under a 32-bit PowerShell.
    processorArchitecture = Get-RegValue $HKLM 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment' 'PROCESSOR_ARCHITECTURE'
  }
}

$result.hardware = Safe {
  @{
    processors = @(Get-Cim Win32_Processor | Select-Object -Property Name, Manufacturer, NumberOfCores, NumberOfLogicalProcessors, CurrentClockSpeed, MaxClockSpeed, Architecture, SocketDesignation)
    memory = @(Get-Cim Win32_PhysicalMemory | Select-Object -Property Capacity, Speed, ConfiguredClockSpeed, SMBIOSMemoryType, MemoryType, FormFactor, Manufacturer, PartNumber, SerialNumber, DeviceLocator, BankLocator)
    totalPhysicalMemory = $csInfo.TotalPhysicalMemory
    diskDrives = @(Get-Cim Win32_DiskDrive | Select-Object -Property DeviceID, Index, Model, Size, SerialNumber, InterfaceType, MediaType, FirmwareRevision, PNPDeviceID)
    # The Storage provider knows SSD from HDD and NVMe from SATA; Win32_DiskDrive calls NVMe "SCSI".
    physicalDisks = SafeList { Get-Cim MSFT_PhysicalDisk 'root/Microsoft/Windows/Storage' | Select-Object -Property DeviceId, FriendlyName, Manufacturer, Model, MediaType, BusType, SerialNumber, Size, FirmwareVersion }
    logicalDisks = @(Get-Cim Win32_LogicalDisk 'root/cimv2' 'DriveType=3' | Select-Object -Property DeviceID, FileSystem, VolumeName, Size, FreeSpace)
    encryption = $bitlocker
    bios = Safe { Get-Cim Win32_BIOS | Select-Object -First 1 -Property Manufacturer, SMBIOSBIOSVersion, Version, ReleaseDate, SerialNumber }
    # Set by Windows itself (8 and later) in every process: "UEFI" or "Legacy".
    firmwareType = $env:firmware_type
    baseBoard = Safe { Get-Cim Win32_BaseBoard | Select-Object -First 1 -Property Manufacturer, Product, Version, SerialNumber }
    videoControllers = @(Get-Cim Win32_VideoController | Select-Object -Property Name, AdapterCompatibility, DriverVersion, AdapterRAM, PNPDeviceID)
    # AdapterRAM is a uint32 and stops at 4 GiB; the display driver's own key has the real size.
    gpuMemory = SafeList {
      $class = $HKLM.OpenSubKey('SYSTEM\CurrentControlSet\Control\Class\{4d36e968-e325-11ce-bfc1-08002be10318}')
      if ($class) {
        foreach ($sub in $class.GetSubKeyNames()) {
          if ($sub -notmatch '^[0-9]{4}$') { continue }
          $key = $null
          try { $key = $class.OpenSubKey($sub) } catch { }
          if ($null -eq $key) { continue }
          $size = $key.GetValue('HardwareInformation.qwMemorySize')
          if ($null -eq $size) { $size = $key.GetValue('HardwareInformation.MemorySize') }
          [pscustomobject]@{ DriverDesc = $key.GetValue('DriverDesc'); MatchingDeviceId = $key.GetValue('MatchingDeviceId'); MemorySize = $size }
          $key.Close()
        }
        $class.Close()
      }
    }
    batteries = @(Get-Cim Win32_Battery | Select-Object -Property DeviceID, Name, EstimatedChargeRemaining, BatteryStatus, Chemistry, DesignCapacity, FullChargeCapacity)
    # The battery driver's classes: capacities in mWh, absent on machines without a battery.
    batteryStatic = SafeList { Get-Cim BatteryStaticData 'root/wmi' | Select-Object -Property InstanceName, DesignedCapacity, ManufactureName, SerialNumber, DeviceName, Chemistry }
    batteryFullCharge = SafeList { Get-Cim BatteryFullChargedCapacity 'root/wmi' | Select-Object -Property InstanceName, FullChargedCapacity }
    batteryCycleCount = SafeList { Get-Cim BatteryCycleCount 'root/wmi' | Select-Object -Property InstanceName, CycleCount }
  }
}

$result.software = Safe {
  $entries = New-Object 'System.Collections.Generic.List[object]'
  $fields = @('DisplayName', 'DisplayVersion', 'Publisher', 'InstallDate', 'InstallLocation', 'EstimatedSize', 'SystemComponent', 'WindowsInstaller', 'ParentKeyName', 'ReleaseType')
  function Add-Uninstall($Root, [string]$Path, [string]$View, [string]$Sid) {
    $key = $Root.OpenSubKey($Path)
    if ($null -eq $key) { return }
    foreach ($name in $key.GetSubKeyNames()) {
      $sub = $null
      try { $sub = $key.OpenSubKey($name) } catch { }
      if ($null -eq $sub) { continue }
      $entry = [ordered]@{ View = $View; Sid = $Sid; User = (Resolve-Sid $Sid); KeyName = $name }
      foreach ($f in $fields) { $entry[$f] = $sub.GetValue($f) }
      $sub.Close()
      $entries.Add($entry)
    }
    $key.Close()
  }
  Add-Uninstall $HKLM 'SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall' '64' $null
  Add-Uninstall $HKLM 'SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall' '32' $null
  # Only hives that are loaded (users signed in, or services): unloaded profiles are not opened.
  foreach ($sid in Get-UserHiveSids) {
    Add-Uninstall $HKU ($sid + '\Software\Microsoft\Windows\CurrentVersion\Uninstall') 'user' $sid
  }
  $appx = SafeList {
    # -AllUsers needs elevation (the agent runs as SYSTEM); otherwise this user's packages.
    $packages = $null
    try { $packages = Get-AppxPackage -AllUsers -ErrorAction Stop } catch { $packages = Get-AppxPackage -ErrorAction Stop }
    $packages | Select-Object -Property Name, PackageFullName, Version, Publisher, Architecture, InstallLocation, IsFramework, IsResourcePackage, SignatureKind, NonRemovable
  }
  @{
    uninstall = $entries.ToArray()
    appx = $appx
    # The 64-bit view holds x64 programs on x64 Windows, but both arm64 and x64 ones on ARM64 Windows.
    processorArchitecture = Get-RegValue $HKLM 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment' 'PROCESSOR_ARCHITECTURE'
  }
}

$result.updates = Safe {
  @{
    hotfixes = @(Get-Cim Win32_QuickFixEngineering | Select-Object -Property HotFixID, Description, InstalledOn, InstalledBy)
    # The local history only: no search for pending updates, which goes online and takes minutes.
    history = SafeList {
      $searcher = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher()
      $count = $searcher.GetTotalHistoryCount()
      if ($count -gt 0) {
        $searcher.QueryHistory(0, [Math]::Min($count, 200)) | ForEach-Object {
          [pscustomobject]@{ Title = $_.Title; Date = (Format-UtcDate $_.Date); Operation = $_.Operation; ResultCode = $_.ResultCode }
        }
      }
    }
    reboot = [ordered]@{
      componentBasedServicing = Test-RegKey $HKLM 'SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending'
      windowsUpdate = Test-RegKey $HKLM 'SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired'
      pendingFileRenames = @(Get-RegValue $HKLM 'SYSTEM\CurrentControlSet\Control\Session Manager' 'PendingFileRenameOperations' | Where-Object { $_ }).Count
      systemInfo = Safe { (New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired }
    }
    autoUpdate = Safe {
      $r = (New-Object -ComObject Microsoft.Update.AutoUpdate).Results
      @{ lastSearchSuccess = (Format-UtcDate $r.LastSearchSuccessDate); lastInstallationSuccess = (Format-UtcDate $r.LastInstallationSuccessDate) }
    }
    # Written by Windows Update before Windows 10 ("yyyy-MM-dd HH:mm:ss", UTC); still there on some machines.
    detectSuccess = Get-RegValue $HKLM 'SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\Results\Detect' 'LastSuccessTime'
    installSuccess = Get-RegValue $HKLM 'SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\Results\Install' 'LastSuccessTime'
  }
}

$result.security = Safe {
  @{
    firewall = SafeList { Get-NetFirewallProfile -ErrorAction Stop | Select-Object -Property Name, Enabled, DefaultInboundAction, DefaultOutboundAction }
    firewallRules = Safe { @(Get-NetFirewallRule -Enabled True -ErrorAction Stop).Count }
    bitlocker = $bitlocker
    systemDrive = $osInfo.SystemDrive
    defender = Safe { Get-MpComputerStatus -ErrorAction Stop | Select-Object -Property AMServiceEnabled, AntivirusEnabled, RealTimeProtectionEnabled, AntivirusSignatureLastUpdated, AntivirusSignatureVersion, AMProductVersion, AMRunningMode, DefenderSignaturesOutOfDate, IsTamperProtected }
    # Security Center exists on client SKUs only; on Server this is an "Invalid namespace" error.
    securityCenter = SafeList { Get-Cim AntiVirusProduct 'root/SecurityCenter2' | Select-Object -Property displayName, productState, pathToSignedProductExe, timestamp }
    # Throws "Cmdlet not supported on this platform" on BIOS firmware.
    secureBoot = Safe { Confirm-SecureBootUEFI -ErrorAction Stop }
    secureBootState = Get-RegValue $HKLM 'SYSTEM\CurrentControlSet\Control\SecureBoot\State' 'UEFISecureBootEnabled'
    firmwareType = $env:firmware_type
    tpm = SafeList { Get-Cim Win32_Tpm 'root/cimv2/Security/MicrosoftTpm' | Select-Object -Property IsEnabled_InitialValue, IsActivated_InitialValue, IsOwned_InitialValue, SpecVersion, ManufacturerId, ManufacturerIdTxt, ManufacturerVersion }
    uac = Get-RegValues $HKLM 'SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System' @('EnableLUA', 'ConsentPromptBehaviorAdmin', 'PromptOnSecureDesktop', 'InactivityTimeoutSecs')
    admins = $admins
    updatePolicy = Get-RegValues $HKLM 'SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU' @('NoAutoUpdate', 'AUOptions', 'UseWUServer')
    wsusServer = Get-RegValue $HKLM 'SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate' 'WUServer'
    updateServiceStartMode = Safe { (Get-Cim Win32_Service 'root/cimv2' "Name='wuauserv'" | Select-Object -First 1).StartMode }
    screenSaver = SafeList {
      foreach ($sid in Get-UserHiveSids) {
        [pscustomobject]@{
          Sid = $sid
          User = (Resolve-Sid $sid)
          Desktop = Get-RegValues $HKU ($sid + '\Control Panel\Desktop') @('ScreenSaveActive', 'ScreenSaverIsSecure', 'ScreenSaveTimeOut', 'SCRNSAVE.EXE')
          Policy = Get-RegValues $HKU ($sid + '\Software\Policies\Microsoft\Windows\Control Panel\Desktop') @('ScreenSaveActive', 'ScreenSaverIsSecure', 'ScreenSaveTimeOut', 'SCRNSAVE.EXE')
        }
      }
    }
    netAccounts = Invoke-Native 'net.exe' @('accounts')
  }
}

$result.network = Safe {
  # Filtered queries report "No matching ... objects" as an error when nothing matches: not a failure here.
  $tcp = @(Get-NetTCPConnection -State Listen -ErrorAction SilentlyContinue | Select-Object -Property LocalAddress, LocalPort, OwningProcess)
  $udp = @(Get-NetUDPEndpoint -ErrorAction SilentlyContinue | Select-Object -Property LocalAddress, LocalPort, OwningProcess)
  $owners = @{}
  foreach ($endpoint in ($tcp + $udp)) { $owners[[int]$endpoint.OwningProcess] = $true }
  $processes = $null
  try { $processes = Get-Process -IncludeUserName -ErrorAction Stop } catch { $processes = Get-Process }
  @{
    adapters = @(Get-NetAdapter -ErrorAction Stop | Select-Object -Property Name, InterfaceDescription, ifIndex, MacAddress, Status, LinkSpeed, Speed, MtuSize, MediaType, PhysicalMediaType, NdisPhysicalMedium, Virtual, HardwareInterface)
    addresses = @(Get-NetIPAddress -ErrorAction Stop | Select-Object -Property InterfaceIndex, InterfaceAlias, IPAddress, AddressFamily, PrefixLength, PrefixOrigin, AddressState)
    ipInterfaces = SafeList { Get-NetIPInterface -ErrorAction Stop | Select-Object -Property InterfaceIndex, InterfaceAlias, AddressFamily, Dhcp, NlMtu }
    dnsServers = SafeList { Get-DnsClientServerAddress -ErrorAction Stop | Select-Object -Property InterfaceIndex, InterfaceAlias, AddressFamily, ServerAddresses }
    dnsGlobal = Safe { Get-DnsClientGlobalSetting -ErrorAction Stop | Select-Object -Property SuffixSearchList }
    dnsClients = SafeList { Get-DnsClient -ErrorAction Stop | Select-Object -Property InterfaceIndex, ConnectionSpecificSuffix }
    routes = SafeList { Get-NetRoute -DestinationPrefix '0.0.0.0/0', '::/0' -ErrorAction SilentlyContinue | Select-Object -Property DestinationPrefix, NextHop, InterfaceIndex, InterfaceAlias, RouteMetric, InterfaceMetric }
    tcpListeners = $tcp
    udpEndpoints = $udp
    processes = @($processes | Where-Object { $owners.ContainsKey([int]$_.Id) } | Select-Object -Property Id, ProcessName, UserName)
    statistics = SafeList { Get-NetAdapterStatistics -ErrorAction Stop | Select-Object -Property Name, ReceivedBytes, SentBytes }
  }
}

$result.users = Safe {
  @{
    localUsers = SafeList { Get-LocalUser -ErrorAction Stop | Select-Object -Property Name, @{ Name = 'SID'; Expression = { [string]$_.SID } }, Enabled, LastLogon, PasswordLastSet, FullName, Description, @{ Name = 'PrincipalSource'; Expression = { [string]$_.PrincipalSource } } }
    profiles = $profiles
    admins = $admins
    computerName = $env:COMPUTERNAME
    # quser prints the logon time in local time without a zone: the offset goes along.
    utcOffsetMinutes = [int][System.TimeZoneInfo]::Local.GetUtcOffset($now).TotalMinutes
    quser = Invoke-Native 'quser.exe' @()
    # quser is missing on Home editions: the owners of explorer.exe say who is signed in.
    explorerOwners = SafeList {
      Get-Cim Win32_Process 'root/cimv2' "Name='explorer.exe'" | ForEach-Object {
        $owner = Invoke-CimMethod -InputObject $_ -MethodName GetOwner
        [pscustomobject]@{ ProcessId = $_.ProcessId; Domain = $owner.Domain; User = $owner.User; CreationDate = $_.CreationDate }
      }
    }
  }
}

$result.services = Safe {
  @{ services = @(Get-Cim Win32_Service | Select-Object -Property Name, DisplayName, Description, State, StartMode, DelayedAutoStart, ProcessId, StartName, PathName) }
}

$result.browser = Safe {
  $null = Need $profiles
  @{ profiles = $profiles }
}

Write-Result $result
`;

/** The per-minute sample: small on purpose. */
export const METRICS_SCRIPT =
  PRELUDE +
  String.raw`
$result = [ordered]@{ script = 'muster-metrics'; version = 1 }
$result.os = Safe { Get-Cim Win32_OperatingSystem | Select-Object -First 1 -Property FreePhysicalMemory, TotalVisibleMemorySize, LastBootUpTime, LocalDateTime, NumberOfProcesses }
# The formatted counter class, not Get-Counter: counter paths are translated on non-English Windows.
$result.cpu = Safe { Get-Cim Win32_PerfFormattedData_PerfOS_Processor 'root/cimv2' "Name='_Total'" | Select-Object -First 1 -Property PercentProcessorTime }
# Win32_Processor's own one-second average: the fallback when the counter classes are broken.
$result.cpuLoad = Safe { (Get-Cim Win32_Processor | Measure-Object -Property LoadPercentage -Average).Average }
$result.logicalProcessors = Safe { (Get-Cim Win32_ComputerSystem | Select-Object -First 1).NumberOfLogicalProcessors }
$result.pageFiles = SafeList { Get-Cim Win32_PageFileUsage | Select-Object -Property Name, AllocatedBaseSize, CurrentUsage }
$result.logicalDisks = SafeList { Get-Cim Win32_LogicalDisk 'root/cimv2' 'DriveType=3' | Select-Object -Property DeviceID, Size, FreeSpace }
$processes = $null
try { $processes = @(Get-Process -IncludeUserName -ErrorAction Stop) } catch { $processes = @(Get-Process) }
$byId = @{}
foreach ($p in $processes) { $byId[[int]$p.Id] = $p }
$result.processCount = $processes.Count
$result.topCpu = SafeList {
  Get-Cim Win32_PerfFormattedData_PerfProc_Process | Where-Object { $_.Name -ne '_Total' -and $_.Name -ne 'Idle' } |
    Sort-Object -Property PercentProcessorTime -Descending | Select-Object -First 10 | ForEach-Object {
      $p = $byId[[int]$_.IDProcess]
      $name = $_.Name
      $user = $null
      if ($p) { $name = $p.ProcessName; $user = $p.UserName }
      [pscustomobject]@{ IDProcess = $_.IDProcess; Name = $name; PercentProcessorTime = $_.PercentProcessorTime; WorkingSet = $_.WorkingSet; UserName = $user }
    }
}
$result.topMemory = SafeList { $processes | Sort-Object -Property WorkingSet64 -Descending | Select-Object -First 10 -Property Id, ProcessName, WorkingSet64, UserName }
$result.network = SafeList {
  # Hyper-V's host vNICs (vEthernet) carry traffic the physical adapter also counts: mark them.
  $hardware = @{}
  foreach ($a in @(Get-NetAdapter -ErrorAction Stop)) { $hardware[$a.Name] = [bool]$a.HardwareInterface }
  Get-NetAdapterStatistics -ErrorAction Stop | ForEach-Object {
    [pscustomobject]@{ Name = $_.Name; ReceivedBytes = $_.ReceivedBytes; SentBytes = $_.SentBytes; HardwareInterface = $hardware[$_.Name] }
  }
}
Write-Result $result
`;
