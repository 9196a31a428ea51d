/**
 * Two limits on token requests: per IP address (checked before the body is even parsed, so floods
 * cost little) and per user ID (checked once the user is known, so one user cannot mint tokens in
 * bulk from many addresses). Both answer 429 with Retry-After in the usual error shape.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors';

const WINDOW_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    /** The user a token request is for, once authenticated (empty before). */
    tokenUserID: string;
  }
}

type LimitHook = (request: FastifyRequest) => Promise<void>;

function limitHook(
  app: FastifyInstance,
  max: number,
  keyOf: (request: FastifyRequest) => string,
  what: string,
): LimitHook {
  // createRateLimit (not rateLimit) because the plugin's ready-made hook runs once per request,
  // and a request here goes through two limits.
  const check = app.createRateLimit({ max, timeWindow: WINDOW_MS, keyGenerator: keyOf });
  return async (request) => {
    const result = await check(request);
    if (result.isAllowed || !result.isExceeded) return;
    const retryAfter = String(Math.max(1, result.ttlInSeconds));
    throw new ApiError(
      429,
      'rate_limited',
      `too many token requests ${what} (limit ${max} per minute); retry after ${retryAfter} s`,
      { 'retry-after': retryAfter },
    );
  };
}

export function perIpLimit(app: FastifyInstance, max: number): LimitHook {
  return limitHook(app, max, (request) => `ip:${request.ip}`, 'from this address');
}

export function perUserLimit(app: FastifyInstance, max: number): LimitHook {
  return limitHook(app, max, (request) => `user:${request.tokenUserID}`, 'for this user');
}
