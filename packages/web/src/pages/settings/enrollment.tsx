import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Plus } from 'lucide-react';
import { api } from '../../api/client';
import type { CreatedEnrollmentToken, EnrollmentToken } from '../../api/types';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { CodeBlock } from '../../components/ui/copy-button';
import { DataTable, type Column } from '../../components/ui/data-table';
import { Dialog } from '../../components/ui/dialog';
import { Field, Input } from '../../components/ui/input';
import { PageHeader } from '../../components/ui/page';
import { Tabs } from '../../components/ui/tabs';
import { useCan } from '../../lib/auth';
import { formatDate, timeAgo } from '../../lib/format';
import { showToast } from '../../lib/toast';

type Platform = 'linux' | 'windows' | 'macos';

/**
 * What to run on a device to enroll it and keep the agent running as a service. The agent is the
 * muster-agent command (npx fetches it); `service install` writes the systemd unit, the Windows
 * service or the launchd job.
 */
export function installCommand(platform: Platform, origin: string, token: string): string {
  const enroll = `npx muster-agent enroll --server ${origin} --token ${token}`;
  if (platform === 'windows') return `# In PowerShell, as Administrator\n${enroll}\nnpx muster-agent service install`;
  return `sudo ${enroll} && \\\n  sudo npx muster-agent service install`;
}

export function EnrollmentSettings() {
  const canWrite = useCan('enrollment:write');
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const tokens = useQuery({ queryKey: ['enrollment-tokens'], queryFn: ({ signal }) => api.get('/api/v1/enrollment-tokens', { signal }) });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete('/api/v1/enrollment-tokens/{id}', { path: { id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['enrollment-tokens'] });
      showToast({ kind: 'success', title: 'Enrollment token revoked' });
    },
  });
  const columns: Array<Column<EnrollmentToken>> = [
    { id: 'name', header: 'Name', cell: (t) => <span className="font-medium">{t.name}</span> },
    { id: 'prefix', header: 'Token', cell: (t) => <span className="font-mono text-xs">{t.tokenPrefix}…</span> },
    { id: 'uses', header: 'Uses', cell: (t) => `${t.uses}${t.maxUses ? ` / ${t.maxUses}` : ''}` },
    { id: 'approval', header: 'Approval', cell: (t) => (t.requiresApproval ? <Badge tone="warning">required</Badge> : 'automatic') },
    { id: 'state', header: 'State', cell: (t) => (t.revokedAt ? <Badge tone="danger">revoked</Badge> : t.expiresAt && new Date(t.expiresAt) < new Date() ? <Badge>expired</Badge> : <Badge tone="success">active</Badge>) },
    { id: 'expires', header: 'Expires', cell: (t) => (t.expiresAt ? formatDate(t.expiresAt) : 'never') },
    { id: 'created', header: 'Created', cell: (t) => timeAgo(t.createdAt) },
    {
      id: 'actions',
      header: '',
      className: 'text-right',
      cell: (t) =>
        canWrite && !t.revokedAt ? (
          <Button size="sm" variant="outline" onClick={() => revoke.mutate(t.id)}>
            Revoke
          </Button>
        ) : null,
    },
  ];
  return (
    <div>
      <PageHeader
        title="Enrollment tokens"
        description="A device exchanges a token once for credentials of its own. Tokens can expire, be limited in uses, and hold new devices for approval."
        actions={
          canWrite && (
            <Button onClick={() => setCreating(true)}>
              <Plus /> Create token
            </Button>
          )
        }
      />
      <Card>
        <DataTable label="Enrollment tokens" columns={columns} rows={tokens.data?.items} rowKey={(t) => t.id} loading={tokens.isLoading} error={tokens.error} onRetry={() => void tokens.refetch()} empty="No enrollment tokens yet." />
      </Card>
      {creating && <CreateTokenDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

function CreateTokenDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', maxUses: '', days: '30', requiresApproval: false });
  const [created, setCreated] = useState<CreatedEnrollmentToken>();
  const [platform, setPlatform] = useState<Platform>('linux');
  const create = useMutation({
    mutationFn: () =>
      api.post('/api/v1/enrollment-tokens', {
        body: {
          name: form.name.trim() || 'Enrollment token',
          requiresApproval: form.requiresApproval,
          ...(Number(form.maxUses) > 0 ? { maxUses: Number(form.maxUses) } : {}),
          ...(Number(form.days) > 0 ? { expiresAt: new Date(Date.now() + Number(form.days) * 86_400_000).toISOString() } : {}),
        },
      }),
    onSuccess: (token) => {
      void queryClient.invalidateQueries({ queryKey: ['enrollment-tokens'] });
      setCreated(token);
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Dialog
      open
      wide={Boolean(created)}
      onClose={onClose}
      title={created ? 'Install the agent' : 'Create enrollment token'}
      footer={
        created ? (
          <Button onClick={onClose}>Done</Button>
        ) : (
          <>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" form="create-token" disabled={create.isPending}>
              Create token
            </Button>
          </>
        )
      }
    >
      {created ? (
        <div className="space-y-4 text-sm">
          <p>Run this on each device. The token is shown only now; Muster keeps only its hash.</p>
          <Tabs
            label="Platform"
            value={platform}
            onChange={setPlatform}
            tabs={[
              { id: 'linux', label: 'Linux' },
              { id: 'windows', label: 'Windows' },
              { id: 'macos', label: 'macOS' },
            ]}
          />
          <div data-testid="install-command">
            <CodeBlock text={installCommand(platform, location.origin, created.token)} label="Copy command" />
          </div>
          <div>
            <p className="mb-1 text-xs text-muted-foreground">The token alone:</p>
            <CodeBlock text={created.token} label="Copy token" />
          </div>
        </div>
      ) : (
        <form id="create-token" onSubmit={submit} className="space-y-3">
          <Field label="Name">{(id) => <Input id={id} autoFocus value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="Office laptops" />}</Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Maximum uses" hint="Empty: unlimited.">{(id) => <Input id={id} type="number" min={1} value={form.maxUses} onChange={(e) => setForm({ ...form, maxUses: e.target.value })} />}</Field>
            <Field label="Expires after (days)" hint="0: never.">{(id) => <Input id={id} type="number" min={0} value={form.days} onChange={(e) => setForm({ ...form, days: e.target.value })} />}</Field>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={form.requiresApproval} onChange={(e) => setForm({ ...form, requiresApproval: e.target.checked })} />
            Hold new devices for approval
          </label>
        </form>
      )}
    </Dialog>
  );
}
