-- Devices, enrollment and the inventory store.
create extension if not exists pg_trgm;

-- array_to_string is only STABLE (it could depend on settings for other element types); for
-- text[] it is immutable, which a generated column needs.
create function muster_join(text[]) returns text language sql immutable parallel safe as $$ select array_to_string($1, ' ') $$;

create table enrollment_tokens (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  token_hash text not null unique,
  token_prefix text not null,
  expires_at timestamptz,
  max_uses int check (max_uses > 0),
  uses int not null default 0,
  requires_approval boolean not null default false,
  revoked_at timestamptz,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (org_id, id)
);

create table devices (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  -- agent: enrolled and reporting; manual: an asset without an agent (printer, spare laptop).
  kind text not null default 'agent' check (kind in ('agent', 'manual')),
  status text not null default 'active' check (status in ('active', 'pending', 'retired')),
  hostname text not null check (length(hostname) between 1 and 256),
  display_name text,
  platform text,
  os_name text,
  os_version text,
  os_build text,
  kernel_version text,
  arch text,
  serial_number text,
  hardware_uuid text,
  machine_id text,
  vendor text,
  model text,
  cpu_model text,
  memory_bytes bigint,
  primary_ip text,
  ip_addresses text[] not null default '{}',
  mac_addresses text[] not null default '{}',
  logged_in_users text[] not null default '{}',
  agent_version text,
  tags text[] not null default '{}',
  custom_fields jsonb not null default '{}',
  notes text,
  enrolled_at timestamptz,
  enrollment_token_id uuid,
  last_seen_at timestamptz,
  last_report_at timestamptz,
  -- Ingest state: what the agent's next delta must build on.
  state_hash text,
  section_hashes jsonb not null default '{}',
  full_report_requested boolean not null default false,
  last_sequence bigint not null default -1,
  -- Device credential: current and, during a rotation, the previous one.
  credential_hash text unique,
  previous_credential_hash text unique,
  credential_rotated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- One lower-cased string of everything a person may search a device by, trigram-indexed.
  search_text text generated always as (
    lower(hostname || ' ' || coalesce(display_name, '') || ' ' || coalesce(serial_number, '') || ' ' || coalesce(model, '') || ' ' ||
          coalesce(vendor, '') || ' ' || coalesce(os_name, '') || ' ' || coalesce(os_version, '') || ' ' || coalesce(primary_ip, '') || ' ' ||
          muster_join(ip_addresses) || ' ' || muster_join(mac_addresses) || ' ' || muster_join(logged_in_users) || ' ' ||
          muster_join(tags))
  ) stored,
  primary key (org_id, id)
);
create index devices_org_hostname_idx on devices (org_id, lower(hostname), id);
create index devices_org_last_seen_idx on devices (org_id, last_seen_at desc nulls last, id);
create index devices_org_machine_idx on devices (org_id, machine_id) where machine_id is not null;
create index devices_org_hwuuid_idx on devices (org_id, hardware_uuid) where hardware_uuid is not null;
create index devices_search_trgm_idx on devices using gin (search_text gin_trgm_ops);
create index devices_tags_idx on devices using gin (tags);

-- Current content of each inventory section (software lives in device_software instead).
create table device_sections (
  org_id uuid not null,
  device_id uuid not null,
  section text not null,
  hash text not null,
  data jsonb,
  error jsonb,
  collected_at timestamptz not null,
  changed_at timestamptz not null default now(),
  primary key (org_id, device_id, section),
  foreign key (org_id, device_id) references devices (org_id, id) on delete cascade
);

-- The software catalogue, shared by every organisation: one row per distinct package version.
create table software (
  id int generated always as identity primary key,
  source text not null,
  name text not null,
  version text not null,
  arch text not null default '',
  publisher text,
  purl text,
  created_at timestamptz not null default now(),
  unique (source, name, version, arch)
);
create index software_name_trgm_idx on software using gin (lower(name) gin_trgm_ops);
create index software_name_idx on software (lower(name), source);

-- Each device's installed software as one sorted int[] of catalogue ids (with install dates in a
-- parallel array, as days since 1970): writing 800 links is one row, not 800, and GIN answers
-- "which devices have X" quickly enough (see ARCHITECTURE.md's figures).
create table device_software (
  org_id uuid not null,
  device_id uuid not null,
  software_ids int[] not null,
  install_days int[] not null,
  hash text not null,
  updated_at timestamptz not null default now(),
  primary key (org_id, device_id),
  foreign key (org_id, device_id) references devices (org_id, id) on delete cascade
);
create index device_software_ids_idx on device_software using gin (software_ids);

-- Devices per software version per organisation, maintained incrementally by ingest: counting
-- by scanning every device's array would take seconds at fleet scale.
create table software_counts (
  org_id uuid not null references organizations (id) on delete cascade,
  software_id int not null references software (id),
  -- No CHECK: the upsert adds signed deltas and clamps at zero itself (see InventoryStore).
  devices int not null,
  primary key (org_id, software_id)
);
create index software_counts_org_devices_idx on software_counts (org_id, devices desc);

-- What changed on a device, when: software installed/removed/updated, OS and hardware changes,
-- address changes. The first report of a device is its baseline and writes no history.
create table device_changes (
  org_id uuid not null,
  id bigint generated always as identity,
  device_id uuid not null,
  at timestamptz not null,
  kind text not null,
  subject text not null,
  old_value text,
  new_value text,
  primary key (org_id, id),
  foreign key (org_id, device_id) references devices (org_id, id) on delete cascade
);
create index device_changes_device_idx on device_changes (org_id, device_id, at desc, id desc);
create index device_changes_org_at_idx on device_changes (org_id, at desc);

-- Reports already applied, so a redelivered or resent report changes nothing.
create table processed_reports (
  org_id uuid not null,
  report_id uuid not null,
  device_id uuid not null,
  processed_at timestamptz not null default now(),
  primary key (org_id, report_id)
);
create index processed_reports_at_idx on processed_reports (processed_at);

-- Metrics: one row per device per sample, in daily partitions created ahead and dropped past
-- retention by the maintenance worker.
create table device_metrics (
  org_id uuid not null,
  device_id uuid not null,
  at timestamptz not null,
  cpu_percent real,
  memory_percent real,
  disk_percent real,
  load1 real,
  rx_bytes bigint,
  tx_bytes bigint,
  process_count int,
  primary key (org_id, device_id, at)
) partition by range (at);

-- Per-organisation agent settings (check-in, inventory and metrics intervals, offline threshold).
create table org_settings (
  org_id uuid primary key references organizations (id) on delete cascade,
  checkin_interval_sec int not null default 60 check (checkin_interval_sec between 10 and 86400),
  inventory_interval_sec int not null default 900 check (inventory_interval_sec between 60 and 604800),
  metrics_interval_sec int not null default 60 check (metrics_interval_sec between 10 and 86400),
  offline_after_sec int not null default 300 check (offline_after_sec between 30 and 2592000),
  metrics_retention_days int not null default 30 check (metrics_retention_days between 1 and 3650),
  updated_at timestamptz not null default now()
);
