-- The GIN index of device software ids (issue #4). A first report adds ~800 entries; they go to
-- the index's pending list and are merged into the entry tree when the list outgrows its limit
-- (default 4 MB: every ~250 first reports). Each merge rewrites a leaf of every package's posting
-- tree, so its cost is per merge more than per entry: a larger list means fewer merges.
alter index device_software_ids_idx set (gin_pending_list_limit = 32768);
