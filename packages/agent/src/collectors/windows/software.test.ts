import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SoftwareSection, softwareKey, type SoftwareItem } from '@muster/protocol';
import { appxPublisher, parseSoftware } from './software.js';
import { assertValid, copy, section } from './testFixtures.js';

function find(items: SoftwareItem[], name: string): SoftwareItem[] {
  return items.filter((i) => i.name === name);
}

describe('windows software', () => {
  it('reads the laptop: machine, 32-bit, per-user, MSI and MSIX programs', () => {
    const { items } = parseSoftware(section('win11-laptop', 'software'));
    assertValid(SoftwareSection, { items });
    const classic = items.filter((i) => i.source !== 'msix');
    const msix = items.filter((i) => i.source === 'msix');
    assert.equal(classic.length, 156);
    assert.equal(classic.filter((i) => i.source === 'msi').length, 100);
    assert.equal(classic.filter((i) => i.arch === 'x86').length, 74);
    assert.equal(classic.filter((i) => i.user === 'AnnaMueller').length, 20);
    assert.equal(msix.length, 39);

    // Hidden like Programs and Features hides them: system components, nameless keys, child updates.
    assert.deepEqual(find(items, 'Microsoft Visual C++ 2022 X64 Minimum Runtime - 14.38.33130'), []);
    assert.deepEqual(find(items, 'Office 16 Click-to-Run Licensing Component'), []);
    assert.equal(items.some((i) => /KB5021915/.test(i.name)), false);
    assert.equal(items.some((i) => ['AddressBook', 'WIC', 'IE40'].includes(i.name)), false);

    assert.deepEqual(find(items, 'Node.js'), [
      { name: 'Node.js', version: '20.10.0', publisher: 'Node.js Foundation', arch: 'x64', source: 'msi', installDate: '2023-11-23', installLocation: 'C:\\Program Files\\nodejs\\', sizeBytes: 98364 * 1024, user: null, purl: null },
    ]);
    const edge = find(items, 'Microsoft Edge')[0];
    assert.equal(edge?.arch, 'x86');
    assert.equal(edge?.source, 'registry');
    assert.equal(edge?.installLocation, 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application');
    // A quoted InstallLocation is unquoted.
    assert.equal(find(items, 'Microsoft Visual Studio Installer')[0]?.installLocation, 'C:\\Program Files (x86)\\Microsoft Visual Studio\\Installer');
    // Per-user installs name their user; per-user MSI products are MSI too.
    const spotify = find(items, 'Spotify')[0];
    assert.equal(spotify?.user, 'AnnaMueller');
    assert.equal(spotify?.arch, null);
    assert.equal(find(items, 'Microsoft Teams Meeting Add-in for Microsoft Office')[0]?.source, 'msi');
    assert.equal(find(items, 'Microsoft Teams Meeting Add-in for Microsoft Office')[0]?.user, 'AnnaMueller');
    // The same product under its MSI key and a leftover key: one item, MSI, with the MSI's size.
    const keepass = find(items, 'KeePassXC');
    assert.equal(keepass.length, 1);
    assert.equal(keepass[0]?.source, 'msi');
    assert.equal(keepass[0]?.sizeBytes, 176884 * 1024);
    // EstimatedSize written as a string, an empty InstallDate, a trailing space in a name.
    const bing = find(items, 'Microsoft Search in Bing')[0];
    assert.equal(bing?.sizeBytes, 1356 * 1024);
    assert.equal(bing?.installDate, null);
    assert.equal(find(items, 'Cisco Secure Client - AnyConnect VPN').length, 1);
    // Two versions side by side stay two items.
    assert.equal(find(items, 'Microsoft .NET Runtime - 6.0.25 (x64)').length, 1);

    const terminal = find(msix, 'Microsoft.WindowsTerminal')[0];
    assert.deepEqual(terminal && { version: terminal.version, arch: terminal.arch, publisher: terminal.publisher }, { version: '1.18.3181.0', arch: 'x64', publisher: 'Microsoft Corporation' });
    assert.equal(find(msix, '5319275A.WhatsAppDesktop')[0]?.publisher, '24803D75-212C-471A-BC57-9EF86AB91435');
    assert.equal(find(msix, 'Clipchamp.Clipchamp')[0]?.arch, 'neutral');
    // Frameworks and Windows' own packages are not applications.
    assert.deepEqual(find(items, 'Microsoft.VCLibs.140.00.UWPDesktop'), []);
    assert.deepEqual(find(items, 'Microsoft.Windows.ShellExperienceHost'), []);
    assert.deepEqual(find(items, 'Microsoft.MicrosoftEdge.Stable'), []);

    const keys = new Set(items.map((i) => `${softwareKey(i)}\u0000${i.version}`));
    assert.equal(keys.size, items.length, 'no two items with the same identity and version');
  });

  it('reads the server: SQL Server without a version, its GDR hidden, no Store apps', () => {
    const { items } = parseSoftware(section('server2022-vm', 'software'));
    assertValid(SoftwareSection, { items });
    assert.equal(items.length, 30);
    assert.equal(items.filter((i) => i.source === 'msix').length, 0);
    const sql = find(items, 'Microsoft SQL Server 2019 (64-bit)')[0];
    assert.equal(sql?.version, '');
    assert.equal(sql?.arch, 'x86');
    assert.equal(items.some((i) => i.name.startsWith('GDR 4322')), false);
    const splunk = find(items, 'UniversalForwarder')[0];
    assert.equal(splunk?.sizeBytes, 245760 * 1024);
    assert.equal(splunk?.source, 'msi');
    assert.equal(find(items, 'Notepad++ (64-bit x64)')[0]?.installDate, null);
    assert.equal(find(items, 'Microsoft Visual Studio Code (User)')[0]?.user, 'Administrator');
  });

  it('copes with unrolled lists, strings for numbers and ARM64', () => {
    const raw = copy(section('server2022-vm', 'software'));
    raw.processorArchitecture = 'ARM64';
    raw.uninstall = { View: '64', KeyName: '{11111111-2222-3333-4444-555555555555}', DisplayName: 'Contoso Agent', DisplayVersion: '2.1', SystemComponent: '0', WindowsInstaller: '1', InstallDate: '20231102' };
    raw.appx = { Name: 'Contoso.Notes', Version: '1.0.0.0', Publisher: 'CN="Contoso, Ltd.", O="Contoso, Ltd.", C=US', Architecture: 'Arm64', SignatureKind: 'Store', IsFramework: 'False' };
    const { items } = parseSoftware(raw);
    assertValid(SoftwareSection, { items });
    assert.deepEqual(
      items.map((i) => [i.name, i.source, i.arch, i.installDate, i.publisher]),
      [
        // The native view of ARM64 Windows holds arm64 and x64 programs alike: unknown.
        ['Contoso Agent', 'msi', null, '2023-11-02', null],
        ['Contoso.Notes', 'msix', 'arm64', null, 'Contoso, Ltd.'],
      ],
    );
    assert.deepEqual(parseSoftware(null), { items: [] });
  });

  it('names Appx publishers', () => {
    assert.equal(appxPublisher('CN=Microsoft Corporation, O=Microsoft Corporation, L=Redmond, S=Washington, C=US'), 'Microsoft Corporation');
    assert.equal(appxPublisher('CN=33F0F141-36F3-4EC2-A77D-51B53D0BA0E4'), '33F0F141-36F3-4EC2-A77D-51B53D0BA0E4');
    assert.equal(appxPublisher(''), null);
  });
});
