-- Foundation: organisations, users and their memberships, server secrets, the audit log and the
-- PostgreSQL-backed bus. Every tenant-owned table carries org_id first in its primary key so that a
-- Citus-distributed deployment is configuration, not a rewrite.

create table organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  created_at timestamptz not null default now()
);

-- Users are global (one login, possibly several organisations); their role lives in memberships.
create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null check (length(email) between 3 and 254),
  display_name text check (length(display_name) <= 200),
  password_hash text,
  is_platform_admin boolean not null default false,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table memberships (
  org_id uuid not null references organizations (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('admin', 'operator', 'viewer', 'auditor')),
  created_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create index memberships_user_idx on memberships (user_id);

-- Secrets every server process must share (the access-token signing key), generated once.
create table server_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);

create table audit_log (
  org_id uuid not null references organizations (id) on delete cascade,
  id bigint generated always as identity,
  at timestamptz not null default now(),
  actor_type text not null check (actor_type in ('user', 'api_key', 'device', 'system')),
  actor_id text,
  action text not null,
  target_type text,
  target_id text,
  ip inet,
  details jsonb,
  primary key (org_id, id)
);
create index audit_log_org_at_idx on audit_log (org_id, at desc);

-- The durable queue of embedded mode (NATS JetStream replaces it when NATS_URL is set).
-- Work-queue semantics: each message goes to one consumer of its stream, is invisible while
-- claimed, comes back when its claim expires without an ack, and is deleted on ack.
create table bus_messages (
  id bigint generated always as identity primary key,
  stream text not null,
  key text not null,
  msg_id text,
  payload bytea not null,
  published_at timestamptz not null default now(),
  claimed_until timestamptz not null default '-infinity',
  deliveries int not null default 0
);
create index bus_messages_stream_idx on bus_messages (stream, id);
create index bus_messages_stream_key_idx on bus_messages (stream, key, claimed_until);
-- Publishing the same message id twice (a client retry) stores it once.
create unique index bus_messages_msg_id_key on bus_messages (stream, msg_id) where msg_id is not null;

create table bus_dead_letters (
  id bigint generated always as identity primary key,
  stream text not null,
  message_id text not null,
  key text not null,
  payload bytea not null,
  published_at timestamptz not null,
  deliveries int not null,
  error text,
  dead_at timestamptz not null default now(),
  unique (stream, message_id)
);

-- Refresh tokens rotate on every use; the family ties a chain together so that presenting a token
-- that was already rotated (a stolen copy) revokes the whole chain.
create table refresh_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  org_id uuid not null references organizations (id) on delete cascade,
  family_id uuid not null,
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  ip inet,
  user_agent text
);
create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_user_idx on refresh_tokens (user_id);
