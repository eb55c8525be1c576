-- Identity, tenancy and security: two-factor secrets, per-organisation membership state,
-- invitations, API keys, login throttling, device credential rotation, and an append-only audit log.

-- Two-factor (TOTP). Secrets are AES-256-GCM ciphertext (auth/secret-box.ts), never the plain
-- secret; `totp_pending_secret` holds an enrolment that has not been confirmed with a code yet.
-- `totp_last_step` is the last accepted time step: a code is good once, so a shoulder-surfed or
-- phished code cannot be replayed within its 90 seconds.
alter table users
  add column totp_secret text,
  add column totp_pending_secret text,
  add column totp_enabled_at timestamptz,
  add column totp_last_step bigint,
  add column last_login_at timestamptz;

-- Disabling is per organisation: an admin of one organisation must not be able to lock a shared
-- account out of another. (users.disabled_at stays: a platform-wide switch, for `muster admin`.)
alter table memberships add column disabled_at timestamptz;

-- An invitation is a one-time link: only the token's SHA-256 is kept.
create table invitations (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  email text not null check (length(email) between 3 and 254),
  role text not null check (role in ('admin', 'operator', 'viewer', 'auditor')),
  token_hash text not null unique,
  invited_by uuid references users (id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references users (id) on delete set null,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (org_id, id)
);
-- One open invitation per address and organisation.
create unique index invitations_open_email_key on invitations (org_id, lower(email)) where accepted_at is null and revoked_at is null;

-- API keys for automation. Only hashes are kept; during a rotation the previous key stays valid
-- until previous_expires_at, so two keys work at once and scripts can be switched over calmly.
create table api_keys (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  role text not null check (role in ('admin', 'operator', 'viewer', 'auditor')),
  key_hash text not null unique,
  key_prefix text not null,
  previous_key_hash text unique,
  previous_expires_at timestamptz,
  expires_at timestamptz,
  created_by uuid references users (id) on delete set null,
  last_used_at timestamptz,
  rotated_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (org_id, id)
);

-- Failed logins, per account and per client address, shared by every server process. Not tenant
-- data: a login attempt has no organisation yet. Keys are 'account:<sha256 of the e-mail>' (a
-- password typed into the e-mail field must not be stored readable) and 'ip:<address>'.
create table login_throttle (
  key text primary key,
  failures int not null,
  last_failure_at timestamptz not null,
  locked_until timestamptz
);

-- Credential rotation asked for by an operator: the device's next check-in carries the new one.
alter table devices add column credential_rotation_requested_at timestamptz;

-- The audit log is append-only, enforced by the database so that not even the application's own
-- role can rewrite history through SQL. UPDATE is always refused. DELETE is allowed only for rows
-- whose organisation no longer exists, which is exactly the ON DELETE CASCADE from organizations:
-- the cascade runs after the organisation row is gone. We check that condition rather than
-- pg_trigger_depth() because depth would also let any other trigger delete audit rows, while
-- "the organisation is gone" cannot be faked without deleting the organisation itself.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and not exists (select 1 from organizations where id = old.org_id) then
    return old;
  end if;
  raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_append_only before update or delete on audit_log for each row execute function audit_log_append_only();

create function audit_log_no_truncate() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: TRUNCATE is not allowed' using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_no_truncate();

-- GET /audit filters (newest first, keyset on id).
create index audit_log_org_target_idx on audit_log (org_id, target_type, target_id, id desc);
create index audit_log_org_actor_idx on audit_log (org_id, actor_id, id desc);
create index audit_log_org_action_idx on audit_log (org_id, action, id desc);
