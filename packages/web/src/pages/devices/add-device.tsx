import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field, Input } from '../../components/ui/input';
import { navigate } from '../../lib/router';
import { showToast } from '../../lib/toast';

/** A device without an agent: a printer, a spare laptop, network gear. */
export function AddDeviceDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ hostname: '', serialNumber: '', vendor: '', model: '', tags: '' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const create = useMutation({
    mutationFn: () =>
      api.post('/api/v1/devices', {
        body: {
          hostname: form.hostname.trim(),
          serialNumber: form.serialNumber.trim() || null,
          vendor: form.vendor.trim() || null,
          model: form.model.trim() || null,
          tags: form.tags.split(',').map((t) => t.trim()).filter(Boolean),
        },
      }),
    onSuccess: (device) => {
      void queryClient.invalidateQueries({ queryKey: ['devices'] });
      void queryClient.invalidateQueries({ queryKey: ['fleet'] });
      showToast({ kind: 'success', title: `Added ${device.hostname}` });
      onClose();
      navigate(`/devices/${device.id}`);
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
      title="Add a device without an agent"
      footer={
        <>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="add-device" disabled={create.isPending || !form.hostname.trim()}>
            Add device
          </Button>
        </>
      }
    >
      <form id="add-device" onSubmit={submit} className="space-y-3">
        <Field label="Hostname">{(id) => <Input id={id} required autoFocus value={form.hostname} onChange={set('hostname')} />}</Field>
        <Field label="Serial number">{(id) => <Input id={id} value={form.serialNumber} onChange={set('serialNumber')} />}</Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Vendor">{(id) => <Input id={id} value={form.vendor} onChange={set('vendor')} />}</Field>
          <Field label="Model">{(id) => <Input id={id} value={form.model} onChange={set('model')} />}</Field>
        </div>
        <Field label="Tags" hint="Comma-separated.">{(id) => <Input id={id} value={form.tags} onChange={set('tags')} />}</Field>
      </form>
    </Dialog>
  );
}
