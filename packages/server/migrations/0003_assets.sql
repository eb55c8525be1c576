-- Asset management on top of the inventory: per-organisation custom fields, and the indexes the
-- device list needs to sort and filter a large fleet with keyset pagination.

-- Custom fields an organisation defines for its devices. Values live in devices.custom_fields
-- (jsonb, one key per field), so a device row is still read in one go.
create table custom_field_definitions (
  org_id uuid not null references organizations (id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label text not null check (length(label) between 1 and 200),
  type text not null check (type in ('text', 'number', 'date', 'choice')),
  -- Allowed values of a 'choice' field, in display order; empty for the other types.
  choices text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, key),
  check ((type = 'choice') = (cardinality(choices) > 0))
);

-- Sorting by "last seen" must be a total order for keyset pagination: never-seen devices (manual
-- assets) sort as -infinity instead of NULL, so a cursor is a plain row comparison and the index
-- is walked in either direction. This replaces the 0002 index on the raw column, which no query
-- can use for that; keeping both would cost a second index write on every batched last-seen update.
drop index if exists devices_org_last_seen_idx;
create index devices_org_last_seen_key_idx on devices (org_id, (coalesce(last_seen_at, '-infinity'::timestamptz)), id);

-- Sorting by operating system ("debian gnu/linux 12", "windows 11 pro 23h2"), same idea.
create index devices_org_os_key_idx on devices (org_id, (lower(coalesce(os_name, '') || ' ' || coalesce(os_version, ''))), id);

-- Filtering on custom field values (`custom_fields @> '{"location": "berlin"}'`).
create index devices_custom_fields_idx on devices using gin (custom_fields jsonb_path_ops);
