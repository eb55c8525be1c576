-- The GIN index of device software ids (issue #4). A first report adds ~800 entries; they go to
-- the index's pending list and are merged into the entry tree when the list outgrows its limit
-- (default 4 MB: every ~250 first reports). Each merge rewrites a leaf of every package's posting
-- tree, so its cost is per merge more than per entry: a larger list means fewer merges.
alter index device_software_ids_idx set (gin_pending_list_limit = 32768);

-- Check-ins set every device's last_seen_at about once a minute (LastSeenWriter: one statement
-- every 2 s). While last_seen_at was part of an index, none of those updates could be HOT: each
-- wrote a new entry into every index of the devices table, three of them GIN (search trigrams,
-- tags, custom fields). Measured at 50,000 devices: 320 ms of PostgreSQL per flush and 6 MB/s of
-- WAL. Without that index, and with room left on each page for the row's next version, they are
-- heap-only. Filtering or sorting the device list by last seen now reads the organisation's
-- device rows (as the fleet summary's online/offline counts always did): see devices/queries.md.
drop index devices_org_last_seen_key_idx;
alter table devices set (fillfactor = 75);
