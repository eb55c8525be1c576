/**
 * Seeds a large fleet straight into the database with SQL: the simulator enrolls a few hundred
 * devices a second through the real agent path, too slow for 10,000 within the test budget. The
 * rows look like the simulator's (hostnames, platforms, models, addresses, users, tags, software)
 * so that search, filters and the dashboard behave as they would on a real fleet.
 */
import type pg from 'pg';

export async function seedFleet(pool: pg.Pool, orgId: string, devices: number): Promise<void> {
  const catalogue = 400;
  await pool.query(
    `insert into software (source, name, version, arch, publisher)
     select (array['deb', 'registry', 'app'])[1 + i % 3],
            (array['openssl', 'Google Chrome', 'Firefox', 'Slack', 'Zoom', 'python3', 'nodejs', 'git', '7-Zip', 'Visual Studio Code'])[1 + i % 10] || case when i >= 40 then '-' || (i / 10) else '' end,
            '1.' || (i % 4) || '.' || (i % 13), 'x86_64', (array['Debian', 'Google LLC', 'Mozilla', 'Microsoft'])[1 + i % 4]
       from generate_series(1, $1::int) i
     on conflict do nothing`,
    [catalogue],
  );
  await pool.query(
    `insert into devices (org_id, kind, status, hostname, platform, os_name, os_version, serial_number, vendor, model, cpu_model, memory_bytes,
                          primary_ip, ip_addresses, mac_addresses, logged_in_users, agent_version, tags, last_seen_at, enrolled_at, created_at)
     select $1, 'agent', case when i % 89 = 0 then 'pending' else 'active' end,
            (array['srv', 'WS', 'mac'])[1 + i % 3] || '-' || lpad(i::text, 6, '0'),
            (array['linux', 'windows', 'macos'])[1 + i % 3],
            (array['Debian GNU/Linux', 'Windows 11 Pro', 'macOS'])[1 + i % 3],
            (array['12', '23H2', '14.6'])[1 + i % 3],
            upper(substr(md5(i::text), 1, 10)),
            (array['Dell Inc.', 'LENOVO', 'HP', 'Apple Inc.'])[1 + i % 4],
            (array['Latitude 7440', 'ThinkPad T14 Gen 4', 'EliteBook 840 G10', 'MacBook Pro (14-inch, M3)'])[1 + i % 4],
            'Intel(R) Core(TM) i7-1365U', 17179869184 * (1 + i % 4),
            '10.' || (i / 65536) || '.' || (i / 256 % 256) || '.' || (i % 256),
            array['10.' || (i / 65536) || '.' || (i / 256 % 256) || '.' || (i % 256)],
            array['02:00:' || lpad(to_hex(i / 65536), 2, '0') || ':' || lpad(to_hex(i / 256 % 256), 2, '0') || ':' || lpad(to_hex(i % 256), 2, '0') || ':01'],
            array['user' || i], '0.1.' || (i % 5),
            case when i % 10 = 0 then array['lab'] when i % 7 = 0 then array['kiosk', 'floor-2'] else '{}' end,
            case when i % 8 = 0 then now() - (i % 2880) * interval '1 minute' else now() - (i % 60) * interval '1 second' end,
            now() - (i % 60) * interval '1 day', now() - (i % 60) * interval '1 day'
       from generate_series(1, $2::int) i`,
    [orgId, devices],
  );
  // ~60 packages per device from the catalogue, and the per-title counts ingest would keep.
  await pool.query(
    `insert into device_software (org_id, device_id, software_ids, install_days, hash)
     select d.org_id, d.id, ids, array_fill(19800, array[cardinality(ids)]), md5(ids::text)
       from devices d
       cross join lateral (select array(select distinct s.id from software s where (s.id + hashtext(d.id::text)) % 7 = 0 order by 1 limit 60) as ids) s
      where d.org_id = $1`,
    [orgId],
  );
  await pool.query(
    `insert into software_counts (org_id, software_id, devices)
     select org_id, id, count(*) from device_software, unnest(software_ids) id where org_id = $1 group by 1, 2
     on conflict (org_id, software_id) do update set devices = excluded.devices`,
    [orgId],
  );
  await pool.query('analyze devices');
}
