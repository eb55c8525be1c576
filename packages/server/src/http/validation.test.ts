import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from '@sinclair/typebox';
import { FullReport } from '@muster/protocol';
import { fastSchema, validatorCompiler } from './validation.js';

const compileBody = (schema: object) => validatorCompiler()({ schema, httpPart: 'body', method: 'POST', url: '/' }) as (value: unknown) => boolean;
const compileQuery = (schema: object) => validatorCompiler()({ schema, httpPart: 'querystring', method: 'GET', url: '/' }) as (value: unknown) => boolean;

test('bodies: optional values and literal unions accept and refuse exactly what the TypeBox schema does', () => {
  const schema = Type.Object(
    {
      name: Type.Union([Type.String({ maxLength: 4 }), Type.Null()]),
      kind: Type.Union([Type.Literal('deb'), Type.Literal('rpm')]),
      size: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
      // Not foldable: a branch with a const refuses null on its own terms.
      mode: Type.Optional(Type.Union([Type.Literal('a'), Type.Null()])),
    },
    { additionalProperties: false },
  );
  const rewritten = fastSchema(schema) as { properties: Record<string, Record<string, unknown>> };
  assert.deepEqual(rewritten.properties.name, { type: ['string', 'null'], maxLength: 4 });
  assert.deepEqual(rewritten.properties.kind, { type: 'string', enum: ['deb', 'rpm'] });
  assert.ok('anyOf' in rewritten.properties.mode!, 'a union with a literal and null is left as it is');
  assert.equal(fastSchema(schema), rewritten, 'memoised: one object per schema');

  const check = compileBody(schema);
  const cases: Array<[unknown, boolean]> = [
    [{ name: 'abcd', kind: 'deb' }, true],
    [{ name: null, kind: 'rpm', size: null, mode: null }, true],
    [{ name: 'abcde', kind: 'deb' }, false],
    [{ name: 5, kind: 'deb' }, false],
    [{ name: 'a', kind: 'apk' }, false],
    [{ name: 'a', kind: null }, false],
    [{ name: 'a', kind: 'deb', size: -1 }, false],
    [{ name: 'a', kind: 'deb', size: 1.5 }, false],
    [{ name: 'a', kind: 'deb', mode: 'b' }, false],
  ];
  for (const [value, expected] of cases) assert.equal(check(value), expected, JSON.stringify(value));
  const extra = { name: 'a', kind: 'deb', extra: 1 };
  assert.equal(check(extra), true);
  assert.deepEqual(extra, { name: 'a', kind: 'deb' }, 'unknown properties are dropped, as before the rewrite');
});

test('maxLength counts characters (code points), not UTF-16 units, for bodies and query strings alike', () => {
  const schema = Type.Object({ q: Type.String({ maxLength: 3 }) });
  for (const check of [compileBody(schema), compileQuery(schema)]) {
    assert.equal(check({ q: '😀😀😀' }), true, 'three astral characters are three characters');
    assert.equal(check({ q: '😀😀😀😀' }), false);
    assert.equal(check({ q: 'abc' }), true);
    assert.equal(check({ q: 'abcd' }), false);
    assert.equal(check({ q: '\ud800\ud800\ud800' }), true, 'lone surrogates count one each');
    assert.equal(check({ q: '\ud800\ud800\ud800\ud800' }), false);
  }
});

test('a full report schema compiles for bodies after the rewrite', () => {
  const check = compileBody(FullReport);
  assert.equal(check({}), false);
});
