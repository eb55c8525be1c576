import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AlertTriangle, CheckCircle2, Download } from 'lucide-react';
import { ApiError, errorMessage, postCsv } from '../../api/client';
import type { CustomField, ImportResult } from '../../api/types';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field, Input, Textarea } from '../../components/ui/input';
import { Tabs } from '../../components/ui/tabs';
import { csvHint, useCustomFields } from '../../lib/custom-fields';
import { formatBytes } from '../../lib/format';

/** The import file's standard columns (POST /devices/import), in the order the template lists them. */
const COLUMNS: Array<{ name: string; description: string; required?: boolean }> = [
  { name: 'hostname', description: 'the device’s name', required: true },
  { name: 'displayName', description: 'the name the console shows, when not the hostname' },
  { name: 'serialNumber', description: 'finds the device a row updates (without it, the hostname does)' },
  { name: 'model', description: 'e.g. LaserJet 4000' },
  { name: 'vendor', description: 'e.g. HP' },
  { name: 'platform', description: 'linux, windows, macos, …' },
  { name: 'osName', description: 'e.g. DSM' },
  { name: 'osVersion', description: 'e.g. 7.2' },
  { name: 'tags', description: 'separated by ; or ,' },
  { name: 'notes', description: 'free text' },
];

export function templateHeader(fields: CustomField[]): string {
  return [...COLUMNS.map((c) => c.name), ...fields.map((f) => `cf.${f.key}`)].join(',');
}

/** One problem the server found in the file; the header is row 1, as in a spreadsheet. */
interface RowProblem {
  row: number;
  message: string;
}

function rowProblems(error: unknown): RowProblem[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.filter((d): d is RowProblem => typeof d === 'object' && d !== null && typeof (d as RowProblem).row === 'number' && typeof (d as RowProblem).message === 'string');
}

function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Devices without an agent from a CSV file (or pasted text): all rows or none. Rows matching an
 * existing device without an agent (serial number, else hostname) update it, so a file can be
 * imported again after fixing it. The server's problems with the file are listed by row here.
 */
export function ImportDevicesDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const fields = useCustomFields();
  const [source, setSource] = useState<'file' | 'paste'>('file');
  const [file, setFile] = useState<File>();
  const [text, setText] = useState('');
  const [result, setResult] = useState<ImportResult>();
  const run = useMutation({
    // Shown in the dialog, next to the file (with its rows), rather than as a toast.
    meta: { errorShownInline: true },
    mutationFn: async () => postCsv('/api/v1/devices/import', source === 'file' ? ((await file?.text()) ?? '') : text),
    onSuccess: (imported) => {
      void queryClient.invalidateQueries({ queryKey: ['devices'] });
      void queryClient.invalidateQueries({ queryKey: ['device'] });
      void queryClient.invalidateQueries({ queryKey: ['fleet'] });
      setResult(imported);
    },
  });
  const ready = source === 'file' ? Boolean(file) : text.trim() !== '';
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (ready) run.mutate();
  };
  const edited = (): void => {
    if (run.error) run.reset();
  };

  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title="Import devices from CSV"
      description="Devices without an agent, one per row. Every row is checked first: either all are imported or none."
      footer={
        result ? (
          <Button onClick={onClose}>Done</Button>
        ) : (
          <>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" form="import-devices" disabled={run.isPending || !ready}>
              {run.isPending ? 'Importing…' : 'Import'}
            </Button>
          </>
        )
      }
    >
      {result ? (
        <div role="status" data-testid="import-result" className="flex items-start gap-3 text-sm">
          <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-success" aria-hidden />
          <div>
            <p className="font-medium">
              Imported {result.imported} device{result.imported === 1 ? '' : 's'}: {result.created} added, {result.updated} updated.
            </p>
            <p className="mt-1 text-muted-foreground">Importing the same file again updates these devices rather than adding them twice.</p>
          </div>
        </div>
      ) : (
        <form id="import-devices" onSubmit={submit} className="space-y-4">
          <Tabs
            label="CSV source"
            value={source}
            onChange={(next) => {
              setSource(next);
              edited();
            }}
            tabs={[
              { id: 'file', label: 'Choose a file' },
              { id: 'paste', label: 'Paste text' },
            ]}
          />
          {source === 'file' ? (
            <Field label="CSV file" hint={file ? `${file.name}, ${formatBytes(file.size)}` : 'At most 5 MB and 10,000 devices; UTF-8, with a header row.'}>
              {(id) => (
                <Input
                  id={id}
                  type="file"
                  accept=".csv,text/csv"
                  className="py-1.5 file:mr-3 file:border-0 file:bg-transparent file:text-sm file:font-medium"
                  onChange={(e) => {
                    setFile(e.target.files?.[0]);
                    edited();
                  }}
                />
              )}
            </Field>
          ) : (
            <Field label="CSV text">
              {(id) => (
                <Textarea
                  id={id}
                  rows={8}
                  spellCheck={false}
                  className="font-mono text-xs"
                  placeholder={`${templateHeader(fields.data ?? [])}\nprinter-01,,CN12345,LaserJet 4000,HP,,,,office;printers,Floor 2`}
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value);
                    edited();
                  }}
                />
              )}
            </Field>
          )}
          {run.error ? <ImportProblems error={run.error} /> : null}
          <ColumnList fields={fields.data} error={fields.error} />
        </form>
      )}
    </Dialog>
  );
}

function ImportProblems({ error }: { error: unknown }) {
  const problems = rowProblems(error);
  const code = error instanceof ApiError ? error.code : undefined;
  const heading =
    code === 'invalid_rows' ? 'Nothing was imported: fix these rows and try again' : code === 'payload_too_large' ? 'The file is too large' : code === 'too_many_rows' ? 'Too many rows' : 'The file could not be imported';
  return (
    <div role="alert" className="rounded-lg border border-destructive/40 bg-destructive/10 p-3 text-sm">
      <div className="flex items-start gap-2">
        <AlertTriangle className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
        <div className="min-w-0">
          <p className="font-medium text-destructive">{heading}</p>
          <p className="mt-0.5 break-words" data-testid="error-message">
            {errorMessage(error)}
            {code === 'payload_too_large' && ' An import takes at most 5 MB: split the file.'}
          </p>
        </div>
      </div>
      {problems.length > 0 && (
        <div className="mt-3 max-h-56 overflow-y-auto rounded-md border bg-card">
          <table className="w-full text-xs" aria-label="Problems in the file">
            <thead className="sticky top-0 bg-card">
              <tr className="border-b text-left text-muted-foreground">
                <th scope="col" className="w-16 px-3 py-1.5 font-medium">
                  Row
                </th>
                <th scope="col" className="px-3 py-1.5 font-medium">
                  Problem
                </th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={`${p.row}-${i}`} className="border-b last:border-0">
                  <td className="px-3 py-1.5 font-mono tabular-nums">{p.row}</td>
                  <td className="px-3 py-1.5 break-words">{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {problems.length >= 100 && <p className="mt-2 text-xs text-muted-foreground">Only the first 100 problems are listed.</p>}
    </div>
  );
}

function ColumnList({ fields, error }: { fields: CustomField[] | undefined; error: unknown }) {
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-3">
        <h3 className="text-sm font-medium">Columns</h3>
        <Button size="sm" variant="outline" disabled={!fields && !error} onClick={() => downloadText('muster-devices-template.csv', `${templateHeader(fields ?? [])}\r\n`)}>
          <Download /> Download template
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        The header row names the columns, in any order; only <span className="font-mono">hostname</span> is required. A row whose serial number (or, without one, hostname) matches a device
        without an agent updates that device, writing only the columns the file has; other rows add devices. Devices with an agent are never changed.
      </p>
      <table className="w-full text-xs" aria-label="Import columns">
        <tbody>
          {COLUMNS.map((c) => (
            <tr key={c.name} className="border-b last:border-0">
              <td className="py-1 pr-4 font-mono whitespace-nowrap">{c.name}</td>
              <td className="py-1 text-muted-foreground">
                {c.required && <strong className="text-foreground">required; </strong>}
                {c.description}
              </td>
            </tr>
          ))}
          {fields?.map((f) => (
            <tr key={f.key} className="border-b last:border-0">
              <td className="py-1 pr-4 font-mono whitespace-nowrap">cf.{f.key}</td>
              <td className="py-1 text-muted-foreground">
                <span className="text-foreground">{f.label}</span>: {csvHint(f)}; an empty cell clears the value
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {fields?.length === 0 && <p className="text-xs text-muted-foreground">No custom fields are defined, so there are no cf.&lt;key&gt; columns.</p>}
      {error ? <p className="text-xs text-destructive">Could not load the custom fields: {errorMessage(error)}</p> : null}
    </div>
  );
}
