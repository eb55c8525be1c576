import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Download, X } from 'lucide-react';
import { api, downloadCsv, errorMessage } from '../api/client';
import type { DeviceListItem, SoftwareTitle, SoftwareVersion } from '../api/types';
import { Badge, DeviceStatus } from '../components/ui/badge';
import { Button } from '../components/ui/button';
import { Card, CardHeader } from '../components/ui/card';
import { DataTable, Pager, useCursorPager, type Column } from '../components/ui/data-table';
import { Input } from '../components/ui/input';
import { PageHeader, useTitle } from '../components/ui/page';
import { ErrorMessage, Loading } from '../components/ui/states';
import { cn } from '../components/ui/cn';
import { osLabel, timeAgo } from '../lib/format';
import { Link, useSearchParams } from '../lib/router';
import { showToast } from '../lib/toast';
import { useDebounced } from '../lib/use-debounced';

/** Fleet-wide software: titles → their versions → the devices having one version. */
export function SoftwarePage() {
  useTitle('Software');
  const [params, setParams] = useSearchParams();
  const name = params.get('name');
  const source = params.get('source');
  const versionId = Number(params.get('version')) || undefined;

  return (
    <div>
      <PageHeader title="Software" description="Every package installed in the fleet, with how many devices have each title and version." />
      <div className={cn('grid grid-cols-1 gap-4', name && 'xl:grid-cols-2')}>
        <Titles selected={name && source ? `${source}:${name}` : undefined} onSelect={(t) => setParams({ name: t.name, source: t.source, version: undefined }, { push: true })} />
        {name && source && (
          <div className="space-y-4">
            <Versions name={name} source={source} selected={versionId} onSelect={(id) => setParams({ version: String(id) }, { push: true })} onClose={() => setParams({ name: undefined, source: undefined, version: undefined }, { push: true })} />
            {versionId && <VersionDevices softwareId={versionId} />}
          </div>
        )}
      </div>
    </div>
  );
}

function Titles({ selected, onSelect }: { selected?: string; onSelect: (title: SoftwareTitle) => void }) {
  const [text, setText] = useState('');
  const [sort, setSort] = useState<'devices' | '-devices' | 'name'>('-devices');
  const q = useDebounced(text.trim(), 150);
  const pager = useCursorPager(`${q}|${sort}`);
  const titles = useQuery({
    queryKey: ['software', 'titles', q, sort, pager.cursor],
    queryFn: ({ signal }) => api.get('/api/v1/software', { query: { q: q || undefined, sort, limit: 50, cursor: pager.cursor }, signal }),
    placeholderData: keepPreviousData,
  });
  const columns: Array<Column<SoftwareTitle>> = [
    {
      id: 'name',
      header: 'Title',
      sortKey: 'name',
      cell: (t) => (
        <button type="button" onClick={() => onSelect(t)} className={cn('text-left font-medium hover:underline', selected === `${t.source}:${t.name}` && 'text-primary')}>
          {t.name}
          {t.publisher && <span className="block text-xs font-normal text-muted-foreground">{t.publisher}</span>}
        </button>
      ),
    },
    { id: 'source', header: 'Source', cell: (t) => <Badge>{t.source}</Badge> },
    { id: 'versions', header: 'Versions', cell: (t) => <span className="tabular-nums">{t.versions}</span>, className: 'text-right' },
    { id: 'devices', header: 'Devices', sortKey: 'devices', cell: (t) => <span className="font-medium tabular-nums">{t.devices.toLocaleString()}</span>, className: 'text-right' },
  ];
  return (
    <Card>
      <div className="flex items-center gap-2 border-b p-3">
        <Input data-search="page" type="search" aria-label="Search software" placeholder="Search titles… (press /)" className="max-w-sm" value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <DataTable
        label="Software titles"
        columns={columns}
        rows={titles.data?.items}
        rowKey={(t) => `${t.source}:${t.name}`}
        sort={sort}
        onSort={(s) => setSort(s === '-name' ? 'name' : s === 'devices' ? 'devices' : (s as typeof sort))}
        loading={titles.isLoading}
        busy={titles.isPlaceholderData}
        error={titles.error}
        onRetry={() => void titles.refetch()}
        empty={q ? `No title matches “${q}”.` : 'No software reported yet.'}
      />
      <Pager page={pager.page} hasNext={Boolean(titles.data?.nextCursor)} onNext={() => titles.data?.nextCursor && pager.next(titles.data.nextCursor)} onPrevious={pager.previous} />
    </Card>
  );
}

function Versions({ name, source, selected, onSelect, onClose }: { name: string; source: string; selected?: number; onSelect: (id: number) => void; onClose: () => void }) {
  const versions = useQuery({ queryKey: ['software', 'versions', name, source], queryFn: ({ signal }) => api.get('/api/v1/software/versions', { query: { name, source }, signal }) });
  // Arriving with a title but no version (from the dashboard): open the most installed one.
  const first = versions.data?.items.slice().sort((a, b) => b.devices - a.devices)[0];
  useEffect(() => {
    if (!selected && first) onSelect(first.id);
  }, [selected, first, onSelect]);
  const columns: Array<Column<SoftwareVersion>> = [
    {
      id: 'version',
      header: 'Version',
      cell: (v) => (
        <button type="button" onClick={() => onSelect(v.id)} className={cn('font-mono text-xs hover:underline', v.id === selected && 'font-semibold text-primary')} aria-pressed={v.id === selected}>
          {v.version}
        </button>
      ),
    },
    { id: 'arch', header: 'Arch', cell: (v) => v.arch || '—' },
    { id: 'publisher', header: 'Publisher', cell: (v) => v.publisher ?? '—' },
    { id: 'devices', header: 'Devices', cell: (v) => <span className="font-medium tabular-nums">{v.devices.toLocaleString()}</span>, className: 'text-right' },
  ];
  return (
    <Card>
      <CardHeader
        title={name}
        description={`${source} · ${versions.data ? `${versions.data.items.length} version${versions.data.items.length === 1 ? '' : 's'}` : 'loading…'}`}
        actions={
          <Button variant="ghost" size="icon" onClick={onClose} aria-label="Close">
            <X />
          </Button>
        }
      />
      {versions.error ? <div className="p-4"><ErrorMessage error={versions.error} /></div> : !versions.data ? <Loading rows={3} /> : (
        <div className="max-h-72 overflow-y-auto">
          <DataTable label="Versions" columns={columns} rows={versions.data.items} rowKey={(v) => String(v.id)} />
        </div>
      )}
    </Card>
  );
}

function VersionDevices({ softwareId }: { softwareId: number }) {
  const pager = useCursorPager(String(softwareId));
  const devices = useQuery({
    queryKey: ['software', 'devices', softwareId, pager.cursor],
    queryFn: ({ signal }) => api.get('/api/v1/software/{softwareId}/devices', { path: { softwareId }, query: { limit: 50, cursor: pager.cursor }, signal }),
    placeholderData: keepPreviousData,
  });
  const entry = devices.data?.software;
  const columns: Array<Column<DeviceListItem>> = [
    { id: 'hostname', header: 'Device', cell: (d) => <Link to={`/devices/${d.id}?tab=software`} className="font-medium hover:underline">{d.displayName ?? d.hostname}</Link> },
    { id: 'status', header: 'Status', cell: (d) => <DeviceStatus device={d} /> },
    { id: 'os', header: 'OS', cell: (d) => osLabel(d.os) },
    { id: 'seen', header: 'Last seen', cell: (d) => timeAgo(d.lastSeenAt) },
  ];
  const exportCsv = async (): Promise<void> => {
    try {
      await downloadCsv('/api/v1/software/{softwareId}/devices', { path: { softwareId } }, `devices-with-${entry?.name ?? softwareId}-${entry?.version ?? ''}.csv`.replace(/[^\w.-]+/g, '_'));
    } catch (error) {
      showToast({ kind: 'error', title: 'Export failed', message: errorMessage(error) });
    }
  };
  return (
    <Card>
      <CardHeader
        title={entry ? `Devices with ${entry.name} ${entry.version}` : 'Devices'}
        description={entry ? `${entry.devices.toLocaleString()} device${entry.devices === 1 ? '' : 's'}` : undefined}
        actions={
          <Button size="sm" variant="outline" onClick={() => void exportCsv()}>
            <Download /> CSV
          </Button>
        }
      />
      <DataTable label="Devices with this version" columns={columns} rows={devices.data?.items} rowKey={(d) => d.id} rowHref={(d) => `/devices/${d.id}`} loading={devices.isLoading} busy={devices.isPlaceholderData} error={devices.error} />
      <Pager page={pager.page} hasNext={Boolean(devices.data?.nextCursor)} onNext={() => devices.data?.nextCursor && pager.next(devices.data.nextCursor)} onPrevious={pager.previous} />
    </Card>
  );
}
