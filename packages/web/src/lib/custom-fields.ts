import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { CustomField, CustomFieldType } from '../api/types';

/**
 * The organisation's custom field definitions (GET /custom-fields, devices:read). One query key
 * for every page that shows or edits them; the settings tab invalidates it after a change.
 */
export const CUSTOM_FIELDS_KEY = ['custom-fields'] as const;

export function useCustomFields() {
  return useQuery({ queryKey: CUSTOM_FIELDS_KEY, queryFn: ({ signal }) => api.get('/api/v1/custom-fields', { signal }), select: (r) => r.items, staleTime: 60_000 });
}

export const FIELD_TYPES: Array<{ id: CustomFieldType; label: string; description: string }> = [
  { id: 'text', label: 'Text', description: 'up to 1024 characters' },
  { id: 'number', label: 'Number', description: 'any number, e.g. 1250 or 3.5' },
  { id: 'date', label: 'Date', description: 'a calendar day, YYYY-MM-DD' },
  { id: 'choice', label: 'Choice', description: 'one of a list of values' },
];

/** How one field's values are written in an import file's cf.<key> column. */
export function csvHint(field: CustomField): string {
  switch (field.type) {
    case 'text':
      return 'text, up to 1024 characters';
    case 'number':
      return 'a number, e.g. 1250 or 3.5';
    case 'date':
      return 'a date as YYYY-MM-DD';
    case 'choice':
      return `one of: ${field.choices.join(', ')}`;
  }
}

/** A stored value for people: dates as calendar days (never shifted by the time zone), numbers localised. */
export function formatCustomValue(field: Pick<CustomField, 'type'> | undefined, value: string | number | undefined): string {
  if (value === undefined || value === '') return '—';
  if (typeof value === 'number') return value.toLocaleString();
  if (field?.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Date(`${value}T00:00:00Z`).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  }
  return value;
}
