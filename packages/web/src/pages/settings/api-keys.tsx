import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { KeyRound } from 'lucide-react';
import { api } from '../../api/client';
import type { ApiKey, CreatedApiKey, Role } from '../../api/types';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { CodeBlock } from '../../components/ui/copy-button';
import { DataTable, type Column } from '../../components/ui/data-table';
import { Dialog } from '../../components/ui/dialog';
import { Field, Input } from '../../components/ui/input';
import { PageHeader } from '../../components/ui/page';
import { useCan } from '../../lib/auth';
import { formatDate, timeAgo } from '../../lib/format';
import { showToast } from '../../lib/toast';
import { RoleField } from './users';

export function ApiKeysSettings() {
  const canWrite = useCan('apikeys:write');
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: ({ signal }) => api.get('/api/v1/api-keys', { signal }) });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete('/api/v1/api-keys/{id}', { path: { id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
      showToast({ kind: 'success', title: 'API key revoked' });
    },
  });
  const columns: Array<Column<ApiKey>> = [
    { id: 'name', header: 'Name', cell: (k) => <span className="font-medium">{k.name}</span> },
    { id: 'prefix', header: 'Key', cell: (k) => <span className="font-mono text-xs">{k.keyPrefix}…</span> },
    { id: 'role', header: 'Role', cell: (k) => <Badge tone="primary">{k.role}</Badge> },
    { id: 'state', header: 'State', cell: (k) => (k.revokedAt ? <Badge tone="danger">revoked</Badge> : k.expiresAt && new Date(k.expiresAt) < new Date() ? <Badge>expired</Badge> : <Badge tone="success">active</Badge>) },
    { id: 'expires', header: 'Expires', cell: (k) => (k.expiresAt ? formatDate(k.expiresAt) : 'never') },
    { id: 'used', header: 'Last used', cell: (k) => timeAgo(k.lastUsedAt) },
    {
      id: 'actions',
      header: '',
      className: 'text-right',
      cell: (k) =>
        canWrite && !k.revokedAt ? (
          <Button size="sm" variant="outline" onClick={() => revoke.mutate(k.id)}>
            Revoke
          </Button>
        ) : null,
    },
  ];
  return (
    <div>
      <PageHeader
        title="API keys"
        description="For scripts and integrations: send as “Authorization: Bearer mak_…”. A key never has more rights than the person who created it."
        actions={
          canWrite && (
            <Button onClick={() => setCreating(true)}>
              <KeyRound /> Create API key
            </Button>
          )
        }
      />
      <Card>
        <DataTable label="API keys" columns={columns} rows={keys.data?.items} rowKey={(k) => k.id} loading={keys.isLoading} error={keys.error} onRetry={() => void keys.refetch()} empty="No API keys yet." />
      </Card>
      {creating && <CreateKeyDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

function CreateKeyDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [days, setDays] = useState('90');
  const [created, setCreated] = useState<CreatedApiKey>();
  const create = useMutation({
    mutationFn: () =>
      api.post('/api/v1/api-keys', {
        body: { name: name.trim(), role, ...(Number(days) > 0 ? { expiresAt: new Date(Date.now() + Number(days) * 86_400_000).toISOString() } : {}) },
      }),
    onSuccess: (key) => {
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
      setCreated(key);
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={created ? 'Copy your API key now' : 'Create API key'}
      footer={
        created ? (
          <Button onClick={onClose}>I have copied it</Button>
        ) : (
          <>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" form="create-key" disabled={create.isPending || !name.trim()}>
              Create key
            </Button>
          </>
        )
      }
    >
      {created ? (
        <div className="space-y-3 text-sm">
          <p>This is the only time the key is shown: Muster keeps only a hash of it.</p>
          <CodeBlock text={created.key} label="Copy key" />
        </div>
      ) : (
        <form id="create-key" onSubmit={submit} className="space-y-3">
          <Field label="Name">{(id) => <Input id={id} required autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="CMDB sync" />}</Field>
          <RoleField value={role} onChange={setRole} />
          <Field label="Expires after (days)" hint="0: never expires.">{(id) => <Input id={id} type="number" min={0} max={3650} value={days} onChange={(e) => setDays(e.target.value)} />}</Field>
        </form>
      )}
    </Dialog>
  );
}
