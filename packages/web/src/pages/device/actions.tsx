import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Archive, ArchiveRestore, Check, Pencil, Trash2 } from 'lucide-react';
import { api } from '../../api/client';
import type { Device } from '../../api/types';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field, Input, Textarea } from '../../components/ui/input';
import { useCan } from '../../lib/auth';
import { useCustomFields } from '../../lib/custom-fields';
import { navigate } from '../../lib/router';
import { showToast } from '../../lib/toast';
import { CustomFieldInputs, customFieldChanges, customFieldText } from './custom-fields';

type Patch = NonNullable<Parameters<typeof api.patch<'/api/v1/devices/{id}'>>[1]>['body'];

/** Edit, approve, retire or delete: shown only to roles with devices:write. */
export function DeviceActions({ device }: { device: Device }) {
  const canWrite = useCan('devices:write');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const update = useMutation({
    mutationFn: (body: Patch) => api.patch('/api/v1/devices/{id}', { path: { id: device.id }, body }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['device', device.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['devices'] });
      void queryClient.invalidateQueries({ queryKey: ['fleet'] });
      showToast({ kind: 'success', title: 'Device updated' });
    },
  });
  const remove = useMutation({
    mutationFn: () => api.delete('/api/v1/devices/{id}', { path: { id: device.id } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['device', device.id] });
      void queryClient.invalidateQueries({ queryKey: ['devices'] });
      void queryClient.invalidateQueries({ queryKey: ['fleet'] });
      showToast({ kind: 'success', title: `Deleted ${device.hostname}` });
      navigate('/devices');
    },
  });

  if (!canWrite) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {device.status === 'pending' && (
        <Button onClick={() => update.mutate({ status: 'active' })} disabled={update.isPending}>
          <Check /> Approve
        </Button>
      )}
      <Button variant="outline" onClick={() => setEditing(true)}>
        <Pencil /> Edit
      </Button>
      {device.status === 'retired' ? (
        <Button variant="outline" onClick={() => update.mutate({ status: 'active' })} disabled={update.isPending}>
          <ArchiveRestore /> Restore
        </Button>
      ) : (
        <Button variant="outline" onClick={() => update.mutate({ status: 'retired' })} disabled={update.isPending}>
          <Archive /> Retire
        </Button>
      )}
      <Button variant="outline" aria-label="Delete device" onClick={() => setDeleting(true)}>
        <Trash2 />
      </Button>
      {editing && <EditDialog device={device} onClose={() => setEditing(false)} onSave={(body) => update.mutate(body, { onSuccess: () => setEditing(false) })} saving={update.isPending} />}
      <Dialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={`Delete ${device.hostname}?`}
        description="Forgets the device and everything stored about it: inventory, history and metrics. An agent still running will have to enroll again."
        footer={
          <>
            <Button variant="outline" onClick={() => setDeleting(false)}>
              Cancel
            </Button>
            <Button variant="destructive" onClick={() => remove.mutate()} disabled={remove.isPending}>
              Delete device
            </Button>
          </>
        }
      >
        <p className="text-sm">Retiring keeps the record and its history; deleting cannot be undone.</p>
      </Dialog>
    </div>
  );
}

function EditDialog({ device, onClose, onSave, saving }: { device: Device; onClose: () => void; onSave: (body: Patch) => void; saving: boolean }) {
  const [displayName, setDisplayName] = useState(device.displayName ?? '');
  const [tags, setTags] = useState(device.tags.join(', '));
  const [notes, setNotes] = useState(device.notes ?? '');
  const fields = useCustomFields();
  const [custom, setCustom] = useState(() => customFieldText(device));
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const customFields = customFieldChanges(fields.data ?? [], device, custom);
    onSave({ displayName: displayName.trim() || null, tags: tags.split(',').map((t) => t.trim()).filter(Boolean), notes: notes.trim() || null, ...(customFields ? { customFields } : {}) });
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Edit ${device.hostname}`}
      footer={
        <>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="edit-device" disabled={saving}>
            Save
          </Button>
        </>
      }
    >
      <form id="edit-device" onSubmit={submit} className="space-y-3">
        <Field label="Display name">{(id) => <Input id={id} autoFocus value={displayName} onChange={(e) => setDisplayName(e.target.value)} placeholder={device.hostname} />}</Field>
        <Field label="Tags" hint="Comma-separated.">{(id) => <Input id={id} value={tags} onChange={(e) => setTags(e.target.value)} />}</Field>
        <Field label="Notes">{(id) => <Textarea id={id} value={notes} onChange={(e) => setNotes(e.target.value)} />}</Field>
        <CustomFieldInputs fields={fields.data ?? []} values={custom} onChange={(key, value) => setCustom((current) => ({ ...current, [key]: value }))} />
      </form>
    </Dialog>
  );
}
