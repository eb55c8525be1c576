-- Tenant isolation, a second time, in the database itself.
--
-- The application checks the caller's organisation in every query. Row-level security repeats that
-- check below the application: requests made on behalf of an organisation run their queries as
-- the role muster_app (SET ROLE, per pooled connection, for the duration of one checkout) with
-- muster.org_id set to the caller's organisation, and muster_app sees and writes only rows of that
-- organisation. A forgotten `where org_id = …` then returns nothing from elsewhere, and an insert
-- or update naming another organisation is refused.
--
-- What stays on the owner role, by design: work that spans organisations or happens before the
-- organisation is known — ingest workers (each report's organisation comes from its authenticated
-- envelope), metrics partition upkeep, the login, refresh-token, API-key and device-credential
-- lookups, login throttling, server secrets, the bus, and the platform administrators'
-- organisation management.

-- Roles are cluster-wide: several Muster databases (or test databases) on one server share it.
do $$
begin
  if not exists (select from pg_roles where rolname = 'muster_app') then
    create role muster_app nologin noinherit;
  end if;
exception when duplicate_object or unique_violation then
  null; -- another database's migration created it at the same moment
end
$$;

-- SET ROLE needs membership unless the owner is a superuser (embedded mode and most installs).
do $$
begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant muster_app to %I', current_user);
  end if;
end
$$;

-- The organisation the current transaction acts for; null (no rows) when none is set.
create function muster_current_org() returns uuid
  language sql stable parallel safe
  as $$ select nullif(current_setting('muster.org_id', true), '')::uuid $$;

-- The one cross-organisation fact the application role may learn: how many organisations a user
-- belongs to (deciding whether removing them from this one deletes the account).
create function muster_membership_count(p_user_id uuid, p_except_org uuid default null) returns integer
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$ select count(*)::integer from memberships where user_id = p_user_id and org_id is distinct from p_except_org $$;
revoke all on function muster_membership_count(uuid, uuid) from public;

grant usage on schema public to muster_app;
grant execute on function muster_current_org() to muster_app;
grant execute on function muster_membership_count(uuid, uuid) to muster_app;
grant usage, select on all sequences in schema public to muster_app;

-- Tables the organisation-scoped API reads and writes.
grant select, insert, update, delete on
  memberships, refresh_tokens, enrollment_tokens, devices, device_sections, device_software,
  software_counts, device_changes, processed_reports, device_metrics, org_settings,
  custom_field_definitions, invitations, api_keys
  to muster_app;
-- Accounts are global (one person may belong to several organisations); who may be seen is decided
-- through memberships, which row-level security does scope.
grant select, insert, update, delete on users to muster_app;
-- The software catalogue is shared (names and versions, no tenant data); writes come from ingest.
grant select on software to muster_app;
-- Organisations are created and renamed by platform administrators (owner role); FOR UPDATE locks
-- the caller's own row while membership changes are checked.
grant select, update on organizations to muster_app;
-- The audit log is append-only for the application.
grant select, insert on audit_log to muster_app;
-- Nothing on server_secrets, login_throttle, bus_messages, bus_dead_letters, schema_migrations.

alter table organizations enable row level security;
create policy tenant_isolation on organizations
  using (id = muster_current_org())
  with check (id = muster_current_org());

do $$
declare
  t text;
begin
  foreach t in array array[
    'memberships', 'audit_log', 'refresh_tokens', 'enrollment_tokens', 'devices', 'device_sections',
    'device_software', 'software_counts', 'device_changes', 'processed_reports', 'device_metrics',
    'org_settings', 'custom_field_definitions', 'invitations', 'api_keys'
  ] loop
    execute format('alter table %I enable row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (org_id = muster_current_org()) with check (org_id = muster_current_org())',
      t);
  end loop;
end
$$;
