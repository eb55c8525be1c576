import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { MailPlus, UserPlus } from 'lucide-react';
import { api } from '../../api/client';
import type { CreatedInvitation, Invitation, Role, User } from '../../api/types';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { CodeBlock } from '../../components/ui/copy-button';
import { DataTable, type Column } from '../../components/ui/data-table';
import { Dialog } from '../../components/ui/dialog';
import { Field, Input, Select } from '../../components/ui/input';
import { PageHeader } from '../../components/ui/page';
import { useCan, useMe } from '../../lib/auth';
import { formatDate, formatDateTime, timeAgo } from '../../lib/format';
import { showToast } from '../../lib/toast';

export const ROLES: Array<{ id: Role; description: string }> = [
  { id: 'admin', description: 'everything, including users, API keys and settings' },
  { id: 'operator', description: 'manages devices and enrollment; reads the rest' },
  { id: 'viewer', description: 'reads the inventory; changes nothing' },
  { id: 'auditor', description: 'reads everything, including the audit log, users and keys' },
];

export function UsersSettings() {
  const canWrite = useCan('users:write');
  const canRead = useCan('users:read');
  const me = useMe().data;
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [inviting, setInviting] = useState(false);
  const users = useQuery({ queryKey: ['users'], queryFn: ({ signal }) => api.get('/api/v1/users', { signal }) });
  const done = (title: string) => () => {
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    showToast({ kind: 'success', title });
  };
  const setRole = useMutation({ mutationFn: ({ id, role }: { id: string; role: Role }) => api.patch('/api/v1/users/{id}', { path: { id }, body: { role } }), onSuccess: done('Role changed') });
  const disable = useMutation({ mutationFn: (id: string) => api.post('/api/v1/users/{id}/disable', { path: { id } }), onSuccess: done('User disabled') });
  const enable = useMutation({ mutationFn: (id: string) => api.post('/api/v1/users/{id}/enable', { path: { id } }), onSuccess: done('User enabled') });

  const columns: Array<Column<User>> = [
    {
      id: 'email',
      header: 'User',
      cell: (u) => (
        <div>
          <p className="font-medium">{u.displayName ?? u.email}</p>
          {u.displayName && <p className="text-xs text-muted-foreground">{u.email}</p>}
        </div>
      ),
    },
    {
      id: 'role',
      header: 'Role',
      cell: (u) =>
        canWrite && u.id !== me?.userId ? (
          <Select aria-label={`Role of ${u.email}`} className="h-8 w-32" value={u.role} onChange={(e) => setRole.mutate({ id: u.id, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id}
              </option>
            ))}
          </Select>
        ) : (
          <Badge tone="primary">{u.role}</Badge>
        ),
    },
    { id: 'state', header: 'State', cell: (u) => (u.disabledAt ? <Badge tone="danger">disabled</Badge> : <Badge tone="success">active</Badge>) },
    { id: '2fa', header: 'Two-factor', cell: (u) => (u.totpEnabled ? 'on' : 'off') },
    { id: 'login', header: 'Last login', cell: (u) => <span title={formatDateTime(u.lastLoginAt)}>{timeAgo(u.lastLoginAt)}</span> },
    {
      id: 'actions',
      header: '',
      className: 'text-right',
      cell: (u) =>
        canWrite && u.id !== me?.userId ? (
          u.disabledAt ? (
            <Button size="sm" variant="outline" onClick={() => enable.mutate(u.id)}>
              Enable
            </Button>
          ) : (
            <Button size="sm" variant="outline" onClick={() => disable.mutate(u.id)}>
              Disable
            </Button>
          )
        ) : null,
    },
  ];

  return (
    <div>
      <PageHeader
        title="Users and roles"
        description="People who can sign in to this organisation, and what their role lets them do."
        actions={
          canWrite && (
            <>
              <Button variant="outline" onClick={() => setInviting(true)}>
                <MailPlus /> Invite
              </Button>
              <Button onClick={() => setCreating(true)}>
                <UserPlus /> Create user
              </Button>
            </>
          )
        }
      />
      <Card>
        <DataTable label="Users" columns={columns} rows={users.data?.items} rowKey={(u) => u.id} loading={users.isLoading} error={users.error} onRetry={() => void users.refetch()} />
      </Card>
      <ul className="mt-4 grid grid-cols-2 gap-2 text-xs text-muted-foreground">
        {ROLES.map((r) => (
          <li key={r.id}>
            <strong className="text-foreground">{r.id}</strong>: {r.description}
          </li>
        ))}
      </ul>
      {/* Opened by URL without users:read, the users table already shows the API's refusal once. */}
      {canRead && <Invitations canWrite={canWrite} />}
      {creating && <CreateUserDialog onClose={() => setCreating(false)} />}
      {inviting && <InviteDialog onClose={() => setInviting(false)} />}
    </div>
  );
}

type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

function invitationState(i: Invitation, now = Date.now()): InvitationState {
  if (i.revokedAt) return 'revoked';
  if (i.acceptedAt) return 'accepted';
  return new Date(i.expiresAt).getTime() <= now ? 'expired' : 'pending';
}

const STATE_TONES = { pending: 'warning', accepted: 'success', revoked: 'danger', expired: 'neutral' } as const;

/** Invitations sent (never their links): the pending ones, which users:write roles can revoke; past ones on request. */
function Invitations({ canWrite }: { canWrite: boolean }) {
  const queryClient = useQueryClient();
  const [showPast, setShowPast] = useState(false);
  // Under ['users']: inviting someone (which invalidates ['users']) refreshes this list too.
  const invitations = useQuery({ queryKey: ['users', 'invitations'], queryFn: ({ signal }) => api.get('/api/v1/users/invitations', { signal }) });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete('/api/v1/users/invitations/{id}', { path: { id } }),
    onSuccess: (revoked) => {
      void queryClient.invalidateQueries({ queryKey: ['users', 'invitations'] });
      showToast({ kind: 'success', title: `Invitation of ${revoked.email} revoked`, message: 'Its link no longer works.' });
    },
  });
  const rows = invitations.data?.items.filter((i) => showPast || invitationState(i) === 'pending');
  const columns: Array<Column<Invitation>> = [
    { id: 'email', header: 'E-mail', cell: (i) => <span className="font-medium">{i.email}</span> },
    { id: 'role', header: 'Role', cell: (i) => <Badge tone="primary">{i.role}</Badge> },
    {
      id: 'state',
      header: 'State',
      cell: (i) => {
        const state = invitationState(i);
        return <Badge tone={STATE_TONES[state]}>{state}</Badge>;
      },
    },
    { id: 'sent', header: 'Sent', cell: (i) => <span title={formatDateTime(i.createdAt)}>{timeAgo(i.createdAt)}</span> },
    { id: 'expires', header: 'Link valid until', cell: (i) => <span title={formatDateTime(i.expiresAt)}>{formatDate(i.expiresAt)}</span> },
    {
      id: 'actions',
      header: '',
      className: 'text-right',
      cell: (i) =>
        canWrite && invitationState(i) === 'pending' ? (
          <Button size="sm" variant="outline" aria-label={`Revoke the invitation of ${i.email}`} onClick={() => revoke.mutate(i.id)} disabled={revoke.isPending}>
            Revoke
          </Button>
        ) : null,
    },
  ];
  return (
    <Card className="mt-6">
      <CardHeader
        title="Invitations"
        description="People invited by e-mail who have not chosen a password yet. The links were shown once, when sent."
        actions={
          <label className="flex items-center gap-2 text-xs text-muted-foreground">
            <input type="checkbox" checked={showPast} onChange={(e) => setShowPast(e.target.checked)} />
            Show accepted, revoked and expired
          </label>
        }
      />
      <DataTable
        label="Invitations"
        columns={columns}
        rows={rows}
        rowKey={(i) => i.id}
        loading={invitations.isLoading}
        error={invitations.error}
        onRetry={() => void invitations.refetch()}
        empty={showPast ? 'No invitations have been sent.' : 'No pending invitations.'}
      />
    </Card>
  );
}

function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ email: '', displayName: '', password: '', role: 'viewer' as Role });
  const create = useMutation({
    mutationFn: () => api.post('/api/v1/users', { body: { email: form.email.trim(), password: form.password, role: form.role, ...(form.displayName.trim() ? { displayName: form.displayName.trim() } : {}) } }),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      showToast({ kind: 'success', title: `Created ${user.email}` });
      onClose();
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
      title="Create user"
      description="They log in with this e-mail and password; share the password safely."
      footer={
        <>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="create-user" disabled={create.isPending}>
            Create user
          </Button>
        </>
      }
    >
      <form id="create-user" onSubmit={submit} className="space-y-3">
        <Field label="E-mail">{(id) => <Input id={id} type="email" required autoFocus value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />}</Field>
        <Field label="Name (optional)">{(id) => <Input id={id} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />}</Field>
        <Field label="Password" hint="At least 12 characters.">
          {(id) => <Input id={id} type="password" autoComplete="new-password" required minLength={12} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />}
        </Field>
        <RoleField value={form.role} onChange={(role) => setForm({ ...form, role })} />
      </form>
    </Dialog>
  );
}

export function RoleField({ value, onChange }: { value: Role; onChange: (role: Role) => void }) {
  return (
    <Field label="Role" hint={ROLES.find((r) => r.id === value)?.description}>
      {(id) => (
        <Select id={id} value={value} onChange={(e) => onChange(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.id}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

function InviteDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [result, setResult] = useState<CreatedInvitation>();
  const invite = useMutation({
    mutationFn: () => api.post('/api/v1/users/invitations', { body: { email: email.trim(), role } }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      setResult(created);
    },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title="Invite someone"
      description="An existing account is added at once; a new address gets a one-time link (valid 72 hours) to choose a password."
      footer={
        result ? (
          <Button onClick={onClose}>Done</Button>
        ) : (
          <>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" form="invite" disabled={invite.isPending}>
              Invite
            </Button>
          </>
        )
      }
    >
      {result ? (
        result.status === 'added' || !result.acceptPath ? (
          <p className="text-sm">{email} already had an account and is now a member, as {role}.</p>
        ) : (
          <div className="space-y-2 text-sm">
            <p>Send this link to {email}. It is shown only now.</p>
            <CodeBlock text={new URL(result.acceptPath, location.origin).toString()} />
          </div>
        )
      ) : (
        <form
          id="invite"
          onSubmit={(e) => {
            e.preventDefault();
            invite.mutate();
          }}
          className="space-y-3"
        >
          <Field label="E-mail">{(id) => <Input id={id} type="email" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />}</Field>
          <RoleField value={role} onChange={setRole} />
        </form>
      )}
    </Dialog>
  );
}
