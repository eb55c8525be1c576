import AjvModule, { _, str, type CodeKeywordDefinition, type KeywordCxt, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

/**
 * Two validators: query strings, path parameters and headers arrive as text, so they are coerced
 * to the schema's types ("50" → 50); JSON bodies are taken as sent, so a string where a number
 * belongs is a 400, not silently converted.
 */
// Both are CommonJS modules whose class sits on `default`.
const Ajv = AjvModule.default;
const addFormats = formatsModule.default;
/** Characters as ajv counts them for maxLength: code points, not UTF-16 units. */
const codePoints = ucs2lengthModule.default;

/**
 * maxLength as ajv defines it (code points), checked the cheap way first: a string has at least as
 * many UTF-16 units as characters, so one no longer than the limit in units is within it. Only
 * longer ones are counted; a report's thousands of short strings never are.
 */
const maxLength: CodeKeywordDefinition = {
  keyword: 'maxLength',
  type: 'string',
  schemaType: 'number',
  error: {
    message: ({ schemaCode }) => str`must NOT have more than ${schemaCode} characters`,
    params: ({ schemaCode }) => _`{limit: ${schemaCode}}`,
  },
  code(cxt: KeywordCxt): void {
    const count = cxt.gen.scopeValue('func', { ref: codePoints });
    cxt.fail(_`${cxt.data}.length > ${cxt.schemaCode} && ${count}(${cxt.data}) > ${cxt.schemaCode}`);
  },
};

function makeAjv(coerce: boolean): InstanceType<typeof Ajv> {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: true,
    allErrors: false,
    discriminator: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  ajv.removeKeyword('maxLength');
  ajv.addKeyword(maxLength);
  // OpenAPI-only keywords the route schemas carry.
  ajv.addKeyword('x-permission');
  return ajv;
}

/** Keywords that can refuse a null: a union with null cannot fold them into a type list. */
const REFUSES_NULL = ['const', 'enum', 'not', 'anyOf', 'oneOf', 'allOf', '$ref', 'if', 'then', 'else'];
const rewritten = new WeakMap<object, unknown>();

/**
 * TypeBox writes an optional value as `anyOf: [{ type: 'string', maxLength: 256 }, { type: 'null' }]`
 * and a union of literals as `anyOf: [{ const: 'deb', type: 'string' }, …]`. ajv validates an
 * anyOf by trying each branch in turn and building an error object for every branch that fails,
 * which for a report's ~800 software items was most of the validation time. The same constraints
 * as `type: ['string', 'null']` and `enum: [...]` are one check each. Everything else is kept as
 * it is; the rewrite is memoised per schema object, so a schema (and its $id) shared between
 * routes stays one object for ajv.
 */
export function fastSchema(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object') return schema;
  const done = rewritten.get(schema);
  if (done !== undefined) return done;
  let result: unknown;
  if (Array.isArray(schema)) {
    result = schema.map(fastSchema);
  } else {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema)) out[key] = fastSchema(value);
    result = out;
    const alternatives = out.anyOf;
    if (Array.isArray(alternatives) && alternatives.length >= 2 && alternatives.every((a) => a !== null && typeof a === 'object')) {
      const branches = alternatives as Array<Record<string, unknown>>;
      const { anyOf: _anyOf, ...outer } = out;
      const nullAt = branches.findIndex((b) => b.type === 'null' && Object.keys(b).length === 1);
      const other = branches[1 - nullAt];
      const literals = branches.every((b) => 'const' in b && b.type === branches[0]!.type && Object.keys(b).every((k) => k === 'const' || k === 'type'));
      if (branches.length === 2 && nullAt >= 0 && other && typeof other.type === 'string' && !REFUSES_NULL.some((k) => k in other)) {
        result = { ...other, ...outer, type: [other.type, 'null'] };
      } else if (literals && typeof branches[0]!.type === 'string') {
        result = { ...outer, type: branches[0]!.type, enum: branches.map((b) => b.const) };
      }
    }
  }
  rewritten.set(schema, result);
  return result;
}

export function validatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  const bodies = makeAjv(false);
  const text = makeAjv(true);
  return ({ schema, httpPart }) => {
    // Bodies only: type lists and coercion (query strings) interact in ways not worth auditing.
    if (httpPart === 'body') return bodies.compile(fastSchema(schema) as object) as ValidateFunction;
    return text.compile(schema as object) as ValidateFunction;
  };
}
