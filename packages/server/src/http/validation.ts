import AjvModule, { type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

/**
 * Two validators: query strings, path parameters and headers arrive as text, so they are coerced
 * to the schema's types ("50" → 50); JSON bodies are taken as sent, so a string where a number
 * belongs is a 400, not silently converted.
 */
// Both are CommonJS modules whose class sits on `default`.
const Ajv = AjvModule.default;
const addFormats = formatsModule.default;

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
  // OpenAPI-only keywords the route schemas carry.
  ajv.addKeyword('x-permission');
  return ajv;
}

export function validatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  const bodies = makeAjv(false);
  const text = makeAjv(true);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? bodies : text;
    return ajv.compile(schema as object) as ValidateFunction;
  };
}
