import { AsyncLocalStorage } from 'node:async_hooks';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * The database role organisation-scoped work runs as; subject to row-level security (see
 * migrations/0005_row_level_security.sql). The connecting (owner) role bypasses it.
 */
export const APP_ROLE = 'muster_app';

const scope = new AsyncLocalStorage<{ orgId: string }>();

/**
 * Runs `work`, and everything it starts, on behalf of one organisation: every query made through
 * the tenant-aware pool in that time runs as APP_ROLE with muster.org_id = orgId, so PostgreSQL
 * itself refuses rows of any other organisation.
 */
export function runInOrg<T>(orgId: string, work: () => T): T {
  return scope.run({ orgId }, work);
}

/** The organisation the current async context acts for, if any. */
export function currentOrg(): string | undefined {
  return scope.getStore()?.orgId;
}

/**
 * A pool for Kysely that scopes each checkout to the current organisation (when there is one):
 * the role and the setting are set as the connection is handed out and reset before it goes back,
 * so a pooled connection never carries one organisation's scope into another's query. A
 * connection whose reset fails is destroyed rather than reused.
 */
export function tenantAwarePool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      const orgId = currentOrg();
      if (orgId === undefined) return client;
      try {
        await client.query("select set_config('role', $1, false), set_config('muster.org_id', $2, false)", [APP_ROLE, orgId]);
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      return {
        query: client.query.bind(client) as PostgresPoolClient['query'],
        release() {
          client.query('reset role; reset muster.org_id').then(
            () => client.release(),
            (error: Error) => client.release(error),
          );
        },
      };
    },
    end: () => pool.end(),
  };
}
