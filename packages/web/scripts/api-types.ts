/**
 * Generates src/api/schema.d.ts, the console's types for every route, from the server's OpenAPI
 * document, so that request and response shapes are written once (as the server's TypeBox schemas).
 *
 *   npm run -w @muster/web api-types                        # from a server on http://127.0.0.1:8080
 *   npm run -w @muster/web api-types -- http://host:port    # from another one
 *
 * packages/web/test/api-types.test.ts fails when the checked-in file differs from what the current
 * server code documents (and rewrites it with MUSTER_UPDATE_API_TYPES=1).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

export const SCHEMA_FILE = path.resolve(import.meta.dirname, '../src/api/schema.d.ts');

const HEADER = `/**
 * Generated from the server's OpenAPI document (/api/v1/openapi.json) by packages/web/scripts/api-types.ts.
 * Do not edit: run \`npm run -w @muster/web api-types\` against a running server, or
 * \`MUSTER_UPDATE_API_TYPES=1 npm test -- packages/web/test/api-types.test.ts\`.
 */

`;

export async function generateApiTypes(document: unknown): Promise<string> {
  const ast = await openapiTS(document as OpenAPI3, { alphabetize: false, silent: true });
  return HEADER + astToString(ast);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const origin = process.argv[2] ?? 'http://127.0.0.1:8080';
  const response = await fetch(new URL('/api/v1/openapi.json', origin));
  if (!response.ok) throw new Error(`GET ${origin}/api/v1/openapi.json: ${response.status}`);
  fs.writeFileSync(SCHEMA_FILE, await generateApiTypes(await response.json()));
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
