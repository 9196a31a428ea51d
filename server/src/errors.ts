/**
 * Every failure leaves the server as `{error: {code, message}}`. Bad input of any kind is a 4xx:
 * Fastify's own errors (parser, body limit, content type, validation) are mapped here, so that only
 * a genuine bug or an unreachable upstream can ever produce a 5xx.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

export interface ErrorBody {
  error: { code: string; message: string };
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const errorBodySchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const;

/** Fastify error codes for bad requests, with the code and status we answer them with. */
const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_content_length'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'empty_body'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'bad_request'],
  FST_ERR_BAD_URL: [400, 'bad_url'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'bad_request'],
};

function describe(error: FastifyError): { status: number; code: string; message: string } {
  if (error instanceof ApiError)
    return { status: error.statusCode, code: error.code, message: error.message };
  if (error.validation !== undefined) {
    return { status: 400, code: 'invalid_request', message: error.message };
  }
  const known = error.code === undefined ? undefined : FASTIFY_CODES[error.code];
  if (known !== undefined) return { status: known[0], code: known[1], message: error.message };
  // JSON.parse errors, proto-poisoning refusals and other client faults arrive with a 4xx statusCode.
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const code = error instanceof SyntaxError ? 'malformed_json' : 'bad_request';
    return { status, code, message: error.message };
  }
  return { status: 500, code: 'internal', message: 'internal error' };
}

function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { status, code, message } = describe(error);
  if (status >= 500) request.log.error({ err: error }, 'unhandled error');
  if (error instanceof ApiError) void reply.headers(error.headers);
  const body: ErrorBody = { error: { code, message } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** For Fastify's `frameworkErrors` option: router errors (a badly encoded URL) bypass the error handler. */
export const frameworkErrorHandler = sendError;

/**
 * For Fastify's `clientErrorHandler` option: requests Node's HTTP parser cannot read (a lying
 * Content-Length, oversized headers, garbage bytes) never reach Fastify, so answer them here in
 * the same JSON shape and close the connection.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const payload = JSON.stringify({
    error: {
      code: 'bad_http',
      message: `the request could not be parsed as HTTP (${error.code ?? 'unknown'})`,
    },
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\nConnection: close\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
  );
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(sendError);
  // JSON is the only body this service reads; anything else is a 415, not a string to validate.
  app.removeContentTypeParser(['text/plain']);

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const body: ErrorBody = {
      error: { code: 'not_found', message: `no route ${request.method} ${request.url.slice(0, 200)}` },
    };
    return reply.code(404).send(body);
  });
}

/** Answers the methods a path does not support with 405 and the Allow header. */
export function methodNotAllowed(allowed: string[]) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const body: ErrorBody = {
      error: {
        code: 'method_not_allowed',
        message: `${request.method} is not allowed; use ${allowed.join(', ')}`,
      },
    };
    return reply.code(405).header('allow', allowed.join(', ')).send(body);
  };
}
