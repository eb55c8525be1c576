import type { CustomField, Device } from '../../api/types';
import { Card, CardContent, CardHeader } from '../../components/ui/card';
import { Field, Input, Select } from '../../components/ui/input';
import { Skeleton } from '../../components/ui/states';
import { errorMessage } from '../../api/client';
import { formatCustomValue, useCustomFields } from '../../lib/custom-fields';
import { Link } from '../../lib/router';

/** The device's values for the organisation's custom fields, by label; unset ones as —. */
export function CustomFieldsCard({ device }: { device: Device }) {
  const fields = useCustomFields();
  const defined = new Set(fields.data?.map((f) => f.key));
  // A value without a definition (should one ever be left behind) is still shown, by key.
  const orphans = Object.entries(device.customFields).filter(([key]) => fields.data && !defined.has(key));
  return (
    <Card>
      <CardHeader title="Custom fields" />
      <CardContent>
        {fields.isLoading ? (
          <Skeleton />
        ) : fields.error ? (
          <p className="text-sm text-destructive">Could not load the custom fields: {errorMessage(fields.error)}</p>
        ) : fields.data?.length || orphans.length ? (
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm" aria-label="Custom fields">
            {fields.data?.map((f) => (
              <div key={f.key} className="contents">
                <dt className="text-muted-foreground">{f.label}</dt>
                <dd className="min-w-0 break-words" data-field={f.key}>
                  {formatCustomValue(f, device.customFields[f.key])}
                </dd>
              </div>
            ))}
            {orphans.map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="font-mono text-xs text-muted-foreground">{key}</dt>
                <dd className="min-w-0 break-words" data-field={key}>
                  {formatCustomValue(undefined, value)}
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-sm text-muted-foreground">
            No custom fields are defined.{' '}
            <Link to="/settings/custom-fields" className="underline hover:text-foreground">
              Custom fields settings
            </Link>
          </p>
        )}
      </CardContent>
    </Card>
  );
}

/** A device's values as the Edit dialog holds them: text per key, '' for unset. */
export function customFieldText(device: Device): Record<string, string> {
  return Object.fromEntries(Object.entries(device.customFields).map(([key, value]) => [key, String(value)]));
}

/**
 * What changed, for PATCH /devices/{id} `customFields`: only the keys edited, an emptied field as
 * null (clears the value), numbers as numbers. Undefined when nothing changed.
 */
export function customFieldChanges(fields: CustomField[], device: Device, values: Record<string, string>): Record<string, string | number | null> | undefined {
  const changes: Record<string, string | number | null> = {};
  for (const f of fields) {
    const before = device.customFields[f.key];
    const now = (values[f.key] ?? '').trim();
    if (now === (before === undefined ? '' : String(before))) continue;
    changes[f.key] = now === '' ? null : f.type === 'number' ? Number(now) : now;
  }
  return Object.keys(changes).length ? changes : undefined;
}

/** One input per custom field, of the field's type: text, number, date picker, or a list of the choices. */
export function CustomFieldInputs({ fields, values, onChange }: { fields: CustomField[]; values: Record<string, string>; onChange: (key: string, value: string) => void }) {
  if (fields.length === 0) return null;
  return (
    <fieldset className="space-y-3 border-t pt-3">
      <legend className="sr-only">Custom fields</legend>
      <div>
        <h3 className="text-sm font-semibold">Custom fields</h3>
        <p className="text-xs text-muted-foreground">Empty a field to clear its value.</p>
      </div>
      <div className="grid grid-cols-2 gap-3">
        {fields.map((f) => {
          const value = values[f.key] ?? '';
          const set = (e: { target: { value: string } }): void => onChange(f.key, e.target.value);
          return (
            <Field key={f.key} label={f.label}>
              {(id) =>
                f.type === 'choice' ? (
                  <Select id={id} value={value} onChange={set}>
                    <option value="">—</option>
                    {(value && !f.choices.includes(value) ? [value, ...f.choices] : f.choices).map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </Select>
                ) : f.type === 'number' ? (
                  <Input id={id} type="number" step="any" inputMode="decimal" value={value} onChange={set} />
                ) : f.type === 'date' ? (
                  <Input id={id} type="date" value={value} onChange={set} />
                ) : (
                  <Input id={id} maxLength={1024} value={value} onChange={set} />
                )
              }
            </Field>
          );
        })}
      </div>
    </fieldset>
  );
}
