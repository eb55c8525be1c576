import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Pencil, Plus, Trash2 } from 'lucide-react';
import { api } from '../../api/client';
import type { CustomField, CustomFieldType } from '../../api/types';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { DataTable, type Column } from '../../components/ui/data-table';
import { Dialog } from '../../components/ui/dialog';
import { Field, Input, Select, Textarea } from '../../components/ui/input';
import { PageHeader } from '../../components/ui/page';
import { useCan } from '../../lib/auth';
import { CUSTOM_FIELDS_KEY, FIELD_TYPES, useCustomFields } from '../../lib/custom-fields';
import { formatDateTime, timeAgo } from '../../lib/format';
import { showToast } from '../../lib/toast';

/** A key from a label, as the API accepts keys: `Cost centre` → `cost_centre`. */
export function keyFromLabel(label: string): string {
  return label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
    .replace(/_+$/, '');
}

const typeLabel = (type: CustomFieldType): string => FIELD_TYPES.find((t) => t.id === type)?.label ?? type;
const parseChoices = (text: string): string[] => text.split('\n').map((c) => c.trim()).filter(Boolean);

/** The organisation's own device attributes (asset tag, cost centre, purchase date): defined by org:write roles. */
export function CustomFieldsSettings() {
  const canWrite = useCan('org:write');
  const fields = useCustomFields();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<CustomField>();
  const [deleting, setDeleting] = useState<CustomField>();

  const columns: Array<Column<CustomField>> = [
    { id: 'label', header: 'Label', cell: (f) => <span className="font-medium">{f.label}</span> },
    { id: 'key', header: 'Key', cell: (f) => <span className="font-mono text-xs">{f.key}</span> },
    { id: 'type', header: 'Type', cell: (f) => <Badge tone="primary">{typeLabel(f.type)}</Badge> },
    {
      id: 'choices',
      header: 'Choices',
      cell: (f) =>
        f.type === 'choice' ? (
          <span className="flex flex-wrap gap-1">
            {f.choices.slice(0, 6).map((c) => (
              <Badge key={c}>{c}</Badge>
            ))}
            {f.choices.length > 6 && <Badge>+{f.choices.length - 6}</Badge>}
          </span>
        ) : (
          <span className="text-muted-foreground">—</span>
        ),
    },
    { id: 'updated', header: 'Changed', cell: (f) => <span className="whitespace-nowrap" title={formatDateTime(f.updatedAt)}>{timeAgo(f.updatedAt)}</span> },
    {
      id: 'actions',
      header: '',
      className: 'text-right',
      cell: (f) =>
        canWrite ? (
          <span className="inline-flex gap-2">
            <Button size="sm" variant="outline" aria-label={`Edit ${f.label}`} onClick={() => setEditing(f)}>
              <Pencil /> Edit
            </Button>
            <Button size="sm" variant="outline" aria-label={`Delete ${f.label}`} onClick={() => setDeleting(f)}>
              <Trash2 />
            </Button>
          </span>
        ) : null,
    },
  ];

  return (
    <div>
      <PageHeader
        title="Custom fields"
        description="Your own attributes for devices, such as an asset tag, cost centre or purchase date: shown on each device, set in its Edit dialog, and imported as cf.<key> CSV columns."
        actions={
          canWrite && (
            <Button onClick={() => setCreating(true)}>
              <Plus /> Add field
            </Button>
          )
        }
      />
      <Card>
        <DataTable
          label="Custom fields"
          columns={columns}
          rows={fields.data}
          rowKey={(f) => f.key}
          loading={fields.isLoading}
          error={fields.error}
          onRetry={() => void fields.refetch()}
          empty={canWrite ? 'No custom fields yet: add one to record what the inventory cannot find out by itself.' : 'No custom fields are defined.'}
        />
      </Card>
      {creating && <FieldDialog onClose={() => setCreating(false)} />}
      {editing && <FieldDialog field={editing} onClose={() => setEditing(undefined)} />}
      {deleting && <DeleteFieldDialog field={deleting} onClose={() => setDeleting(undefined)} />}
    </div>
  );
}

function FieldDialog({ field, onClose }: { field?: CustomField; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [label, setLabel] = useState(field?.label ?? '');
  const [key, setKey] = useState(field?.key ?? '');
  const [keyEdited, setKeyEdited] = useState(false);
  const [type, setType] = useState<CustomFieldType>(field?.type ?? 'text');
  const [choices, setChoices] = useState(field?.choices.join('\n') ?? '');
  const shownKey = field || keyEdited ? key : keyFromLabel(label);
  const save = useMutation({
    mutationFn: () => {
      const list = type === 'choice' ? { choices: parseChoices(choices) } : {};
      if (field) return api.patch('/api/v1/custom-fields/{key}', { path: { key: field.key }, body: { label: label.trim(), ...list } });
      return api.post('/api/v1/custom-fields', { body: { key: shownKey, label: label.trim(), type, ...list } });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: CUSTOM_FIELDS_KEY });
      showToast({ kind: 'success', title: field ? `Saved ${saved.label}` : `Added ${saved.label}` });
      onClose();
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    save.mutate();
  };
  const description = FIELD_TYPES.find((t) => t.id === type)?.description;
  return (
    <Dialog
      open
      onClose={onClose}
      title={field ? `Edit ${field.label}` : 'Add a custom field'}
      footer={
        <>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="custom-field" disabled={save.isPending || !label.trim() || !shownKey || (type === 'choice' && parseChoices(choices).length === 0)}>
            {field ? 'Save' : 'Add field'}
          </Button>
        </>
      }
    >
      <form id="custom-field" onSubmit={submit} className="space-y-3">
        <Field label="Label">{(id) => <Input id={id} required autoFocus maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Cost centre" />}</Field>
        {field ? (
          <p className="text-sm text-muted-foreground">
            Key <span className="font-mono text-foreground">{field.key}</span> · {typeLabel(field.type)}. The key and the type cannot change; to change them, delete the field and add it again.
          </p>
        ) : (
          <>
            <Field label="Key" hint="Lower-case letters, digits and _, starting with a letter. The import's cf.<key> column; it cannot change later.">
              {(id) => (
                <Input
                  id={id}
                  required
                  maxLength={40}
                  pattern="[a-z][a-z0-9_]{0,39}"
                  value={shownKey}
                  onChange={(e) => {
                    setKey(e.target.value);
                    setKeyEdited(true);
                  }}
                  placeholder="cost_centre"
                />
              )}
            </Field>
            <Field label="Type" hint={description}>
              {(id) => (
                <Select id={id} value={type} onChange={(e) => setType(e.target.value as CustomFieldType)}>
                  {FIELD_TYPES.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </>
        )}
        {type === 'choice' && (
          <Field label="Choices" hint={field ? 'One per line. A choice that devices still hold cannot be removed.' : 'One per line.'}>
            {(id) => <Textarea id={id} rows={5} value={choices} onChange={(e) => setChoices(e.target.value)} placeholder={'Berlin\nParis\nMadrid'} />}
          </Field>
        )}
      </form>
    </Dialog>
  );
}

function DeleteFieldDialog({ field, onClose }: { field: CustomField; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.delete('/api/v1/custom-fields/{key}', { path: { key: field.key } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: CUSTOM_FIELDS_KEY });
      // The devices' values for it are gone too.
      void queryClient.invalidateQueries({ queryKey: ['devices'] });
      void queryClient.invalidateQueries({ queryKey: ['device'] });
      showToast({ kind: 'success', title: `Deleted ${field.label}` });
      onClose();
    },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Delete ${field.label}?`}
      description="Every device's value for this field is deleted with it. This cannot be undone."
      footer={
        <>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="destructive" onClick={() => remove.mutate()} disabled={remove.isPending}>
            Delete field
          </Button>
        </>
      }
    >
      <p className="text-sm">
        Import files with a <span className="font-mono">cf.{field.key}</span> column will be refused afterwards.
      </p>
    </Dialog>
  );
}
