import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/**
 * Forward-only migrations: numbered plain .sql files in packages/server/migrations, each applied
 * once in its own transaction. A session-level advisory lock serialises every server that starts
 * at the same moment against one database: the first applies, the others wait and find nothing left.
 */
const MIGRATION_LOCK = 0x6d757374; // "must"

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** The server package's root, found from this file whether it runs from src/ (tsx) or dist/ (bundle). */
export function serverPackageDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'migrations')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the server package (its migrations folder)');
    dir = parent;
  }
}

export function loadMigrations(dir = path.join(serverPackageDir(), 'migrations')): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration numbering has a gap or duplicate at ${m.version}_${m.name}`);
  });
  return migrations;
}

export interface MigrateResult {
  applied: string[];
  current: number;
}

export async function migrate(pool: pg.Pool, migrations = loadMigrations()): Promise<MigrateResult> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`
      create table if not exists schema_migrations (
        version int primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>('select version, name, checksum from schema_migrations order by version');
    const done = new Map(rows.map((r) => [r.version, r]));
    const newest = Math.max(0, ...rows.map((r) => r.version));
    if (newest > migrations.length) {
      throw new Error(`the database is at migration ${newest}, newer than this Muster knows (${migrations.length}); upgrade Muster`);
    }
    for (const m of migrations) {
      const prior = done.get(m.version);
      if (prior) {
        if (prior.checksum !== m.checksum) {
          throw new Error(`migration ${m.version}_${m.name} was changed after it was applied; migrations are forward-only: add a new one`);
        }
        continue;
      }
      await client.query('begin');
      try {
        await client.query(m.sql);
        await client.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [m.version, m.name, m.checksum]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(`migration ${m.version}_${m.name} failed: ${(error as Error).message}`);
      }
      applied.push(`${m.version}_${m.name}`);
    }
    return { applied, current: migrations.length };
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
