import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Building2 } from 'lucide-react';
import { api } from '../../api/client';
import { session } from '../../api/session';
import type { Organization } from '../../api/types';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader } from '../../components/ui/card';
import { DataTable, type Column } from '../../components/ui/data-table';
import { Dialog } from '../../components/ui/dialog';
import { Field, Input } from '../../components/ui/input';
import { PageHeader } from '../../components/ui/page';
import { useMe } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { navigate } from '../../lib/router';
import { showToast } from '../../lib/toast';

/** The caller's memberships (switch between them); platform administrators also manage every organisation. */
export function OrganisationsSettings() {
  const me = useMe().data;
  const queryClient = useQueryClient();
  const switchOrg = useMutation({
    mutationFn: (orgId: string) => api.post('/api/v1/auth/switch-org', { body: { orgId } }),
    onSuccess: (result) => {
      session.set(result);
      queryClient.clear();
      navigate('/');
    },
  });
  return (
    <div className="space-y-6">
      <PageHeader title="Organisations" description="Each organisation's devices, users and keys are fully separate." />
      <Card>
        <CardHeader title="Your organisations" />
        <CardContent className="p-0">
          <ul className="divide-y">
            {me?.organizations.map((org) => (
              <li key={org.orgId} className="flex items-center justify-between px-5 py-3 text-sm">
                <span className="flex items-center gap-2">
                  <Building2 className="size-4 text-muted-foreground" aria-hidden />
                  <span className="font-medium">{org.orgName}</span>
                  <Badge tone="primary">{org.role}</Badge>
                  {org.orgId === me.orgId && <Badge tone="success">current</Badge>}
                </span>
                {org.orgId !== me.orgId && (
                  <Button size="sm" variant="outline" onClick={() => switchOrg.mutate(org.orgId)} disabled={switchOrg.isPending}>
                    Switch
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
      {me?.platformAdmin && <AllOrganisations />}
    </div>
  );
}

function AllOrganisations() {
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<Organization>();
  const orgs = useQuery({ queryKey: ['orgs'], queryFn: ({ signal }) => api.get('/api/v1/orgs', { signal }) });
  const columns: Array<Column<Organization>> = [
    { id: 'name', header: 'Name', cell: (o) => <span className="font-medium">{o.name}</span> },
    { id: 'slug', header: 'Slug', cell: (o) => <span className="font-mono text-xs">{o.slug}</span> },
    { id: 'members', header: 'Members', cell: (o) => o.members },
    { id: 'created', header: 'Created', cell: (o) => formatDate(o.createdAt) },
    { id: 'actions', header: '', className: 'text-right', cell: (o) => <Button size="sm" variant="outline" onClick={() => setRenaming(o)}>Rename</Button> },
  ];
  return (
    <div>
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-base font-semibold">All organisations (platform administrator)</h2>
        <Button onClick={() => setCreating(true)}>
          <Building2 /> Create organisation
        </Button>
      </div>
      <Card>
        <DataTable label="Organisations" columns={columns} rows={orgs.data?.items} rowKey={(o) => o.id} loading={orgs.isLoading} error={orgs.error} onRetry={() => void orgs.refetch()} />
      </Card>
      {creating && <OrgDialog onClose={() => setCreating(false)} onDone={() => void queryClient.invalidateQueries()} />}
      {renaming && <OrgDialog org={renaming} onClose={() => setRenaming(undefined)} onDone={() => void queryClient.invalidateQueries({ queryKey: ['orgs'] })} />}
    </div>
  );
}

function OrgDialog({ org, onClose, onDone }: { org?: Organization; onClose: () => void; onDone: () => void }) {
  const [name, setName] = useState(org?.name ?? '');
  const [slug, setSlug] = useState('');
  const save = useMutation({
    mutationFn: async () => {
      if (org) await api.patch('/api/v1/orgs/{id}', { path: { id: org.id }, body: { name: name.trim() } });
      else await api.post('/api/v1/orgs', { body: { name: name.trim(), ...(slug.trim() ? { slug: slug.trim() } : {}) } });
    },
    onSuccess: () => {
      onDone();
      showToast({ kind: 'success', title: org ? 'Organisation renamed' : 'Organisation created' });
      onClose();
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={org ? `Rename ${org.name}` : 'Create organisation'}
      description={org ? undefined : 'You become its first administrator.'}
      footer={
        <>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="org-form" disabled={save.isPending || !name.trim()}>
            {org ? 'Rename' : 'Create'}
          </Button>
        </>
      }
    >
      <form id="org-form" onSubmit={submit} className="space-y-3">
        <Field label="Name">{(id) => <Input id={id} required autoFocus value={name} onChange={(e) => setName(e.target.value)} />}</Field>
        {!org && <Field label="Slug" hint="Optional short identifier; the server derives one from the name otherwise.">{(id) => <Input id={id} value={slug} onChange={(e) => setSlug(e.target.value)} />}</Field>}
      </form>
    </Dialog>
  );
}

