import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { KeyRound, RefreshCw } from 'lucide-react';
import { api } from '../../api/client';
import type { ApiKey, CreatedApiKey, Role, RotatedApiKey } from '../../api/types';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { CodeBlock } from '../../components/ui/copy-button';
import { DataTable, type Column } from '../../components/ui/data-table';
import { Dialog } from '../../components/ui/dialog';
import { Field, Input, Select } from '../../components/ui/input';
import { PageHeader } from '../../components/ui/page';
import { useCan } from '../../lib/auth';
import { formatDate, formatDateTime, timeAgo } from '../../lib/format';
import { showToast } from '../../lib/toast';
import { RoleField } from './users';

export function ApiKeysSettings() {
  const canWrite = useCan('apikeys:write');
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [rotating, setRotating] = useState<ApiKey>();
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
    {
      id: 'state',
      header: 'State',
      cell: (k) => (
        <div>
          {k.revokedAt ? <Badge tone="danger">revoked</Badge> : isExpired(k) ? <Badge>expired</Badge> : <Badge tone="success">active</Badge>}
          {!k.revokedAt && k.previousExpiresAt && new Date(k.previousExpiresAt) > new Date() && (
            <p className="mt-1 max-w-36 text-xs text-muted-foreground">old key works until {formatDateTime(k.previousExpiresAt)}</p>
          )}
        </div>
      ),
    },
    { id: 'expires', header: 'Expires', cell: (k) => (k.expiresAt ? formatDate(k.expiresAt) : 'never') },
    { id: 'used', header: 'Last used', cell: (k) => timeAgo(k.lastUsedAt) },
    {
      id: 'actions',
      header: '',
      className: 'text-right',
      cell: (k) =>
        canWrite && !k.revokedAt ? (
          <span className="inline-flex gap-2 whitespace-nowrap">
            {!isExpired(k) && (
              <Button size="sm" variant="outline" aria-label={`Rotate ${k.name}`} title="Rotate: a new secret, the old one working on for a grace period" onClick={() => setRotating(k)}>
                <RefreshCw />
              </Button>
            )}
            <Button size="sm" variant="outline" aria-label={`Revoke ${k.name}`} onClick={() => revoke.mutate(k.id)}>
              Revoke
            </Button>
          </span>
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
      {rotating && <RotateKeyDialog apiKey={rotating} onClose={() => setRotating(undefined)} />}
    </div>
  );
}

const isExpired = (k: ApiKey): boolean => Boolean(k.expiresAt && new Date(k.expiresAt) < new Date());

/** How long the replaced secret keeps working (the API's graceSeconds: default 24 h, at most 7 days). */
const GRACE_PERIODS = [
  { seconds: 0, label: 'None: the old key stops at once' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 86_400, label: '24 hours' },
  { seconds: 3 * 86_400, label: '3 days' },
  { seconds: 7 * 86_400, label: '7 days' },
];

/** A new secret for a key (same name, role and expiry); the old one works on for the grace period chosen. */
function RotateKeyDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [grace, setGrace] = useState(86_400);
  const [rotated, setRotated] = useState<RotatedApiKey>();
  const rotate = useMutation({
    mutationFn: () => api.post('/api/v1/api-keys/{id}/rotate', { path: { id: apiKey.id }, query: { graceSeconds: grace } }),
    onSuccess: (key) => {
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
      setRotated(key);
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    rotate.mutate();
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={rotated ? 'Copy the new key now' : `Rotate ${apiKey.name}`}
      description={rotated ? undefined : 'Issues a new secret with the same name, role and expiry. Switch your scripts to it before the old one stops working.'}
      footer={
        rotated ? (
          <Button onClick={onClose}>I have copied it</Button>
        ) : (
          <>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" form="rotate-key" disabled={rotate.isPending}>
              Rotate key
            </Button>
          </>
        )
      }
    >
      {rotated ? (
        <div className="space-y-3 text-sm">
          <p>This is the only time the new key is shown: Muster keeps only a hash of it.</p>
          <CodeBlock text={rotated.key} label="Copy key" />
          <p className="text-muted-foreground" data-testid="rotate-grace">
            {rotated.previousExpiresAt ? `The old key (${apiKey.keyPrefix}…) keeps working until ${formatDateTime(rotated.previousExpiresAt)}.` : `The old key (${apiKey.keyPrefix}…) no longer works.`}
          </p>
        </div>
      ) : (
        <form id="rotate-key" onSubmit={submit} className="space-y-3">
          <Field label="Grace period" hint="How long the old key keeps working alongside the new one.">
            {(id) => (
              <Select id={id} value={grace} onChange={(e) => setGrace(Number(e.target.value))}>
                {GRACE_PERIODS.map((g) => (
                  <option key={g.seconds} value={g.seconds}>
                    {g.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </form>
      )}
    </Dialog>
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
