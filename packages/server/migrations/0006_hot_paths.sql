-- Hot paths of ingest and of the steady state (issue #4): storage settings for the rows ingest
-- rewrites all the time, and an index-friendly device search under row-level security.

-- software_counts: a batch of first reports updates most of an organisation's rows (~10,000).
-- With no index on the count itself and free space on each page, those updates are HOT
-- (heap-only tuples): no index entry is written and the old version is pruned in place, instead
-- of a new entry in two indexes per row and a table that bloats until vacuum. No query reads this
-- table in the order of that index (titles aggregate every row of the organisation; versions go
-- through the catalogue by name), so it only cost writes.
drop index software_counts_org_devices_idx;
alter table software_counts set (fillfactor = 50);

-- Values PostgreSQL would try to compress on every write for nothing. A device's sorted software
-- ids (~800 int4, ~3.4 KB) do not shrink under pglz: measured, the compressed array was no smaller
-- than the raw one, and skipping the attempt halves the cost of writing the row. Report payloads
-- on the bus are usually gzip already. Both still go out of line (TOAST) when large; only the
-- compression attempt is dropped. (install_days repeats values, and does compress.)
alter table device_software alter column software_ids set storage external;
alter table bus_messages alter column payload set storage external;

-- Device search under row-level security (0005). LIKE is not leakproof, so for a query running as
-- muster_app PostgreSQL will not use it as an index condition: the trigram index goes unused and
-- every search reads every device row (at 50,000 devices, 25 ms idle and ~80 ms on a busy server,
-- against ~2 ms through the index). This function runs as the owner, so its LIKE can use
-- devices_search_trgm_idx, and returns only ids of devices of the organisation the caller acts
-- for (muster_current_org(); none when unset). The device list still reads devices as muster_app,
-- policy and all, and keeps its own LIKE: the function only narrows which rows it looks at.
create function muster_device_search(p_pattern text) returns setof uuid
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$ select id from devices where org_id = muster_current_org() and search_text like p_pattern $$;
revoke all on function muster_device_search(text) from public;
grant execute on function muster_device_search(text) to muster_app;

-- The same for "which devices have X" (a device list filtered by software, /software/{id}/devices)
-- and for tags: && and @> on arrays are not leakproof either, so under row-level security the GIN
-- indexes of device_software.software_ids and devices.tags go unused, and PostgreSQL reads (and
-- de-TOASTs) every device's software array: ~9 ms per 1,000 devices instead of well under 1 ms.
create function muster_devices_with_any_software(p_ids int[]) returns setof uuid
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$ select device_id from device_software where org_id = muster_current_org() and software_ids && p_ids $$;
create function muster_devices_with_all_software(p_ids int[]) returns setof uuid
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$ select device_id from device_software where org_id = muster_current_org() and software_ids @> p_ids $$;
create function muster_devices_with_tags(p_tags text[]) returns setof uuid
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$ select id from devices where org_id = muster_current_org() and tags @> p_tags $$;
revoke all on function muster_devices_with_any_software(int[]), muster_devices_with_all_software(int[]), muster_devices_with_tags(text[]) from public;
grant execute on function muster_devices_with_any_software(int[]), muster_devices_with_all_software(int[]), muster_devices_with_tags(text[]) to muster_app;
