/**
 * src/api/schema.d.ts must be what the server's current OpenAPI document generates: the console's
 * types come from the API's schemas, so a route or schema change without regenerating fails here.
 * MUSTER_UPDATE_API_TYPES=1 rewrites the file instead.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../server/src/testing/app.ts';
import { generateApiTypes, SCHEMA_FILE } from '../scripts/api-types.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ workers: false });
});
after(async () => t.close());

test('src/api/schema.d.ts matches the server\'s OpenAPI document', async () => {
  const document: unknown = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  const generated = await generateApiTypes(document);
  if (process.env.MUSTER_UPDATE_API_TYPES === '1') {
    fs.writeFileSync(SCHEMA_FILE, generated);
    return;
  }
  const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
  assert.ok(
    current === generated,
    'packages/web/src/api/schema.d.ts is out of date with the API: run `MUSTER_UPDATE_API_TYPES=1 npm test -- packages/web/test/api-types.test.ts` (or `npm run -w @muster/web api-types` against a running server) and check the console still type-checks',
  );
});
