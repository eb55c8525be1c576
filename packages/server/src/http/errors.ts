import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorBody } from '@muster/protocol';

/** An error meant for the client: its status, a stable code and a message that says what to fix. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown): ApiError => new ApiError(400, 'bad_request', message, details);
export const unauthorized = (message = 'authentication required'): ApiError => new ApiError(401, 'unauthorized', message);
export const forbidden = (message: string): ApiError => new ApiError(403, 'forbidden', message);
export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} not found`);
export const conflict = (message: string): ApiError => new ApiError(409, 'conflict', message);

/** Fastify's own client errors, named so that scripts can branch on the code. */
const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_content_length'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'empty_body'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_EMPTY_TYPE: [400, 'invalid_content_type'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'invalid_content_type'],
  FST_ERR_CTP_INVALID_CONTENT_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_BAD_URL: [400, 'bad_url'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'bad_request'],
};

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof ApiError) {
    void reply.status(error.statusCode).send({ error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) } });
    return;
  }
  if (error.validation) {
    const issues = error.validation.slice(0, 20).map((v) => ({
      path: `${error.validationContext ?? ''}${v.instancePath || ''}` || '/',
      message: v.message ?? 'is invalid',
      ...(v.params && Object.keys(v.params).length ? { params: v.params } : {}),
    }));
    const first = issues[0];
    void reply.status(400).send({
      error: { code: 'validation_failed', message: first ? `${first.path} ${first.message}` : 'request is invalid', details: issues },
    });
    return;
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    void reply.status(400).send({ error: { code: 'invalid_json', message: `body is not valid JSON: ${error.message}` } });
    return;
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  const status = mapped?.[0] ?? error.statusCode ?? 500;
  if (status < 500) {
    void reply.status(status).send({ error: { code: mapped?.[1] ?? (error.code ?? 'bad_request').toLowerCase(), message: error.message } });
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply.status(500).send({ error: { code: 'internal_error', message: `internal server error (request ${request.id})` } });
}

/** The error responses every route can give, for its OpenAPI description. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  429: ErrorBody,
} as const;

export const ErrorBodyRef = ErrorBody;
export const NoContent = Type.Null({ description: 'No content' });
