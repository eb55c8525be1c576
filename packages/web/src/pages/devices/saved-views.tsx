import { useState } from 'react';
import { Bookmark, Trash2 } from 'lucide-react';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field, Input, Select } from '../../components/ui/input';

/** Named filter sets for the devices list, kept in this browser (localStorage). */
export interface SavedView {
  name: string;
  /** The list's query string (search, filters, sort). */
  query: string;
}

const KEY = 'muster.devices.views';

export function loadViews(): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is SavedView => typeof v?.name === 'string' && typeof v?.query === 'string') : [];
  } catch {
    return [];
  }
}

function storeViews(views: SavedView[]): void {
  localStorage.setItem(KEY, JSON.stringify(views));
}

export function SavedViews({ current, onApply }: { current: string; onApply: (query: string) => void }) {
  const [views, setViews] = useState(loadViews);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const active = views.find((v) => v.query === current);

  const save = (): void => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const next = [...views.filter((v) => v.name !== trimmed), { name: trimmed, query: current }].sort((a, b) => a.name.localeCompare(b.name));
    storeViews(next);
    setViews(next);
    setNaming(false);
    setName('');
  };
  const remove = (view: SavedView): void => {
    const next = views.filter((v) => v.name !== view.name);
    storeViews(next);
    setViews(next);
  };

  return (
    <div className="flex items-center gap-1">
      <Select
        aria-label="Saved views"
        className="w-44"
        value={active?.name ?? ''}
        onChange={(e) => {
          const view = views.find((v) => v.name === e.target.value);
          onApply(view ? view.query : '');
        }}
      >
        <option value="">{views.length ? 'All devices' : 'No saved views'}</option>
        {views.map((v) => (
          <option key={v.name} value={v.name}>
            {v.name}
          </option>
        ))}
      </Select>
      {active ? (
        <Button variant="ghost" size="icon" aria-label={`Delete the view ${active.name}`} title="Delete this view" onClick={() => remove(active)}>
          <Trash2 />
        </Button>
      ) : (
        <Button variant="ghost" size="icon" aria-label="Save this view" title="Save these filters as a view" onClick={() => setNaming(true)} disabled={!current}>
          <Bookmark />
        </Button>
      )}
      <Dialog
        open={naming}
        onClose={() => setNaming(false)}
        title="Save view"
        description="Keeps the current search, filters and sort under a name, in this browser."
        footer={
          <>
            <Button variant="outline" onClick={() => setNaming(false)}>
              Cancel
            </Button>
            <Button onClick={save} disabled={!name.trim()}>
              Save
            </Button>
          </>
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <Field label="Name">{(id) => <Input id={id} autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="Offline Windows laptops" />}</Field>
        </form>
      </Dialog>
    </div>
  );
}
