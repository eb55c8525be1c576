import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { DB } from '../db/schema.js';
import { FleetStore } from '../fleet/store.js';
import { SoftwareStore } from '../software/store.js';
import { createTestDatabase, type TestDatabase } from '../testing/database.js';
import { DeviceQueryStore } from './query-store.js';

/**
 * The hot read queries of the device API, checked into queries.md with their plans (the way Immich
 * checks in its SQL), so that a change to one shows up in review as SQL and as a plan.
 *
 * Every run checks that the SQL in queries.md is what the code produces. To regenerate the file
 * (SQL and EXPLAIN ANALYZE plans over a seeded fleet), run:
 *   MUSTER_UPDATE_QUERIES=1 npm test -- packages/server/src/devices/queries.test.ts
 */

const DOC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'queries.md');
const UPDATE = process.env.MUSTER_UPDATE_QUERIES === '1';
const ORG = '00000000-0000-4000-8000-00000000000a';
const OTHER_ORG = '00000000-0000-4000-8000-00000000000b';
const DEVICES = 10_000;
const OTHER_DEVICES = 2_000;
const CATALOGUE = 3_000;
const PACKAGES = 300;

interface Documented {
  name: string;
  title: string;
  why: string;
  query: CompiledQuery;
}

/** One statement per line-ish: a newline before the main clauses, indented by parenthesis depth. */
function formatSql(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const clauses = /^(with|select|from|join|inner join|left join|cross join lateral|cross join|where|and|group by|having|order by|limit|union all)\b/i;
  let out = '';
  let depth = 0;
  let quote = false;
  for (let i = 0; i < flat.length; i++) {
    const ch = flat[i]!;
    if (ch === "'") quote = !quote;
    if (!quote) {
      if (ch === '(') depth++;
      if (ch === ')') depth = Math.max(0, depth - 1);
      if (ch === ' ' && clauses.test(flat.slice(i + 1)) && !/\bbetween \S+$/i.test(out)) {
        out += `\n${'  '.repeat(depth)}`;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

function documentedQueries(db: Kysely<DB>, values: { seenSince: Date; rareId: number; commonId: number; lastSeenCursor: { key: string; id: string }; osCursor: { key: string; id: string } }): Documented[] {
  const devices = new DeviceQueryStore(db);
  const software = new SoftwareStore(db);
  const fleet = new FleetStore(db);
  const page = { limit: 51, seenSince: values.seenSince };
  return [
    {
      name: 'devices-default',
      title: 'Device list, first page (sort=hostname)',
      why: 'The console\'s opening page: walks devices_org_hostname_idx in order and stops after 51 rows.',
      query: devices.listQuery(ORG, {}, { ...page, sort: 'hostname' }).compile(),
    },
    {
      name: 'devices-search',
      title: 'Device search (q=srv-00421)',
      why: 'Substring search over search_text through the trigram index devices_search_trgm_idx.',
      query: devices.listQuery(ORG, { search: 'srv-00421' }, { ...page, sort: 'hostname' }).compile(),
    },
    {
      name: 'devices-search-user',
      title: 'Device search by logged-in user (q=user4211)',
      why: 'Same query; a value found in an array column (logged_in_users) is in search_text too.',
      query: devices.listQuery(ORG, { search: 'user4211' }, { ...page, sort: 'hostname' }).compile(),
    },
    {
      name: 'software-ids-by-name',
      title: 'q=software:htop, step 1: catalogue ids of the package name',
      why: 'The organisation\'s counts joined to the catalogue\'s trigram index on lower(name).',
      query: software.idsByNameQuery(ORG, 'htop', 10_001).compile(db),
    },
    {
      name: 'devices-software-rare',
      title: 'q=software:htop, step 2: devices having any of those ids',
      why: 'GIN index on device_software.software_ids (&&), then the devices by primary key.',
      query: devices.listQuery(ORG, { softwareAny: [values.rareId] }, { ...page, sort: 'hostname' }).compile(),
    },
    {
      name: 'devices-software-common',
      title: 'GET /software/{id}/devices for a package on ~10% of devices',
      why: "GIN index (@>) for a common package: either a bitmap of its devices, or (as here) the hostname index walked, checking each device's array until the page is full.",
      query: devices.listQuery(ORG, { softwareAll: [values.commonId] }, { ...page, sort: 'hostname' }).compile(),
    },
    {
      name: 'devices-online-tag-cursor',
      title: 'status=online&tag=lab&sort=-lastSeenAt, a later page (cursor)',
      why: 'Keyset on (coalesce(last_seen_at, -infinity), id), no OFFSET; the tag index narrows the rows, a top-N sort orders them (last_seen_at has no index, so that check-ins update device rows heap-only: migration 0007).',
      query: devices.listQuery(ORG, { state: 'online', tags: ['lab'] }, { ...page, sort: '-lastSeenAt', after: values.lastSeenCursor }).compile(),
    },
    {
      name: 'devices-offline',
      title: 'status=offline&sort=-lastSeenAt',
      why: 'Approved agents not seen within the offline threshold, newest first: a scan of the organisation\'s devices and a top-N sort (no index on last_seen_at, see migration 0007; the fleet summary\'s counts read the same rows).',
      query: devices.listQuery(ORG, { state: 'offline' }, { ...page, sort: '-lastSeenAt' }).compile(),
    },
    {
      name: 'devices-os-cursor',
      title: 'sort=os, a later page (cursor)',
      why: 'Keyset on the OS sort key via devices_org_os_key_idx.',
      query: devices.listQuery(ORG, {}, { ...page, sort: 'os', after: values.osCursor }).compile(),
    },
    {
      name: 'devices-custom-field',
      title: 'cf.location=paris&platform=windows',
      why: 'custom_fields @> through devices_custom_fields_idx (jsonb_path_ops).',
      query: devices.listQuery(ORG, { customFields: { location: 'paris' }, platform: 'windows' }, { ...page, sort: 'hostname' }).compile(),
    },
    {
      name: 'software-titles',
      title: 'GET /software (sort=-devices)',
      why: 'Aggregates the organisation\'s software_counts (never the device arrays) by title.',
      query: software.titlesQuery(ORG, { sort: '-devices', limit: 51 }).compile(db),
    },
    {
      name: 'fleet-counts',
      title: 'GET /fleet/summary: status counts',
      why: 'One pass over the organisation\'s devices.',
      query: fleet.countsQuery(ORG, values.seenSince).compile(db),
    },
    {
      name: 'fleet-breakdown',
      title: 'GET /fleet/summary: platform, OS, model, agent version',
      why: 'Grouping sets: one scan for four breakdowns.',
      query: fleet.breakdownQuery(ORG, 50).compile(db),
    },
  ];
}

function parseDoc(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const m of text.matchAll(/<!-- query: (\S+) -->\n```sql\n([\s\S]*?)\n```/g)) result.set(m[1]!, m[2]!);
  return result;
}

/** A fleet in one organisation (and a smaller one in another), with software, for the plans. */
async function seed(database: TestDatabase): Promise<{ rareId: number; commonId: number }> {
  const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);
  await q(`insert into organizations (id, name, slug) values ($1, 'Plans', 'plans'), ($2, 'Other', 'other-plans')`, [ORG, OTHER_ORG]);
  await q(
    `insert into software (source, name, version, arch, publisher)
     select 'deb', case when i = 1 then 'openssl' when i = 2 then 'htop' else (array['lib', 'python3-', 'node-', 'perl-', 'golang-'])[1 + i % 5] || 'pkg' || (i / 4) end,
            '1.' || (i % 4) || '.' || (i % 13), 'amd64', 'Debian'
       from generate_series(1, $1::int) i`,
    [CATALOGUE],
  );
  for (const [org, count] of [[ORG, DEVICES], [OTHER_ORG, OTHER_DEVICES]] as const) {
    await q(
      `insert into devices (org_id, kind, status, hostname, platform, os_name, os_version, serial_number, vendor, model, primary_ip, ip_addresses, mac_addresses,
                            logged_in_users, agent_version, tags, custom_fields, last_seen_at, created_at)
       select $1, case when i % 50 = 0 then 'manual' else 'agent' end,
              case when i % 97 = 0 then 'retired' when i % 89 = 0 then 'pending' else 'active' end,
              (array['srv', 'ws', 'mac'])[1 + i % 3] || '-' || lpad(i::text, 6, '0'),
              (array['linux', 'windows', 'macos'])[1 + i % 3],
              (array['Debian GNU/Linux', 'Windows 11 Pro', 'macOS'])[1 + i % 3],
              (array['12', '23H2', '14.5'])[1 + i % 3] || case when i % 7 = 0 then '.1' else '' end,
              upper(substr(md5(i::text), 1, 10)),
              (array['Dell Inc.', 'LENOVO', 'HP', 'Apple Inc.'])[1 + i % 4],
              (array['Latitude 7440', 'ThinkPad T14 Gen 4', 'EliteBook 840 G10', 'MacBook Pro (14-inch, M3)'])[1 + i % 4],
              '10.' || (i / 65536) || '.' || (i / 256 % 256) || '.' || (i % 256),
              array['10.' || (i / 65536) || '.' || (i / 256 % 256) || '.' || (i % 256), 'fd00::' || to_hex(i)],
              array['02:00:' || lpad(to_hex(i / 65536), 2, '0') || ':' || lpad(to_hex(i / 256 % 256), 2, '0') || ':' || lpad(to_hex(i % 256), 2, '0') || ':01'],
              array['user' || i], '0.1.' || (i % 5),
              case when i % 10 = 0 then array['lab'] when i % 7 = 0 then array['kiosk', 'floor-2'] else '{}' end,
              case when i % 5 = 0 then jsonb_build_object('location', (array['berlin', 'paris', 'rome'])[1 + i % 3], 'cost', i % 900) else '{}' end,
              case when i % 50 = 0 then null when i % 8 = 0 then now() - (i % 2880) * interval '1 minute' else now() - (i % 240) * interval '1 second' end,
              now() - (i % 60) * interval '1 day'
         from generate_series(1, $2::int) i`,
      [org, count],
    );
  }
  // ~300 packages per agent device, drawn from the catalogue; htop (id 2) on five devices only.
  await q(
    `insert into device_software (org_id, device_id, software_ids, install_days, hash)
     select d.org_id, d.id, ids, array_fill(19800, array[cardinality(ids)]), md5(ids::text)
       from devices d
       cross join lateral (select array(select distinct 3 + (random() * ($1::int - 3))::int from generate_series(1, $2::int) where d.id is not null order by 1) as ids) s
      where d.kind = 'agent'`,
    [CATALOGUE, PACKAGES],
  );
  await q(`update device_software set software_ids = array_prepend(1, software_ids), install_days = array_prepend(19800, install_days) where (hashtext(device_id::text) & 15) < 2`);
  await q(
    `update device_software set software_ids = array_prepend(2, software_ids), install_days = array_prepend(19800, install_days)
      where device_id in (select id from devices where org_id = $1 and kind = 'agent' order by id limit 5)`,
    [ORG],
  );
  await q(`insert into software_counts (org_id, software_id, devices) select org_id, id, count(distinct device_id) from device_software, unnest(software_ids) id group by 1, 2`);
  // A steady state: GIN pending lists flushed and statistics fresh, as autovacuum leaves them.
  await q('vacuum analyze');
  return { rareId: 2, commonId: 1 };
}

describe('device API queries (queries.md)', () => {
  let database: TestDatabase | undefined;
  let db: Kysely<DB>;
  let pool: pg.Pool | undefined;

  before(async () => {
    if (UPDATE) {
      database = await createTestDatabase();
      db = database.db;
    } else {
      // Compiling needs no connection: a pool that is never used.
      pool = new pg.Pool({ max: 1 });
      db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    }
  });
  after(async () => {
    await database?.drop();
    if (pool) await db.destroy();
  });

  test('queries.md holds the SQL the code runs', async () => {
    const placeholders = {
      seenSince: new Date(),
      rareId: 2,
      commonId: 1,
      lastSeenCursor: { key: '2000-01-01 00:00:00+00', id: ORG },
      osCursor: { key: 'macos 14.5', id: ORG },
    };
    if (!UPDATE) {
      const documented = parseDoc(fs.readFileSync(DOC, 'utf8'));
      const queries = documentedQueries(db, placeholders);
      assert.deepEqual([...documented.keys()], queries.map((q) => q.name), 'queries.md lists other queries: regenerate it (see the top of queries.test.ts)');
      for (const q of queries) {
        assert.equal(documented.get(q.name), formatSql(q.query.sql), `${q.name} changed: regenerate queries.md (MUSTER_UPDATE_QUERIES=1) and review the new plan`);
      }
      return;
    }

    const started = Date.now();
    const { rareId, commonId } = await seed(database!);
    const seedMs = Date.now() - started;
    const seenSince = new Date(Date.now() - 300_000);
    const cursorOf = async (sort: 'lastSeenAt' | 'os', order: string) => {
      const expr = sort === 'os' ? `lower(coalesce(os_name, '') || ' ' || coalesce(os_version, ''))` : `coalesce(last_seen_at, '-infinity'::timestamptz)`;
      const { rows } = await database!.pool.query(`select ${expr}::text as key, id from devices where org_id = $1 order by ${expr} ${order}, id ${order} offset 1000 limit 1`, [ORG]);
      return { key: rows[0].key as string, id: rows[0].id as string };
    };
    const values = { seenSince, rareId, commonId, lastSeenCursor: await cursorOf('lastSeenAt', 'desc'), osCursor: await cursorOf('os', 'asc') };
    const { rows: version } = await database!.pool.query<{ server_version: string }>('show server_version');
    let doc = `# Device API: the hot queries and their plans

Generated by \`src/devices/queries.test.ts\`; every test run checks that the SQL below is still what the
code runs. After changing one of these queries, regenerate this file and review the new plan:

    MUSTER_UPDATE_QUERIES=1 npm test -- packages/server/src/devices/queries.test.ts

Plans: \`EXPLAIN (ANALYZE, BUFFERS)\` on PostgreSQL ${version[0]!.server_version}, over ${DEVICES.toLocaleString('en')} devices in the organisation
queried and ${OTHER_DEVICES.toLocaleString('en')} in another (7 in 8 seen within the last 4 minutes), ~${PACKAGES} packages per agent device from a catalogue of ${CATALOGUE.toLocaleString('en')}
(seeded in ${(seedMs / 1000).toFixed(1)} s). Timings come from a 2-core test machine with a warm cache; read them
for their order of magnitude, and read the plan's shape (which index, how many rows) first.
`;
    for (const q of documentedQueries(db, values)) {
      // Twice: the first run warms the cache, the second one is documented.
      await database!.pool.query(`explain (analyze) ${q.query.sql}`, [...q.query.parameters]);
      const { rows } = await database!.pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.query.sql}`, [...q.query.parameters]);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      const params = q.query.parameters.map((p, i) => `$${i + 1} = ${p instanceof Date ? p.toISOString() : JSON.stringify(p)}`).join(', ');
      doc += `\n## ${q.title}\n\n${q.why}\n\n<!-- query: ${q.name} -->\n\`\`\`sql\n${formatSql(q.query.sql)}\n\`\`\`\n\nParameters: ${params}\n\n\`\`\`text\n${plan}\n\`\`\`\n`;
    }
    fs.writeFileSync(DOC, doc);
  });
});
