/**
 * Builds the token service without starting it, so tests can run it on port 0 with an injected clock
 * and a local fake code2Session, and main.ts can run it for real.
 */
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerConfig } from './config';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandlers, methodNotAllowed } from './errors';
import { registerRoomRoutes } from './room-routes';
import { createRoomStore } from './store/create-room-store';
import { registerTokenRoute } from './token-route';
import { createAuthenticate } from './user-auth';
import { createCode2Session, type Code2Session } from './wechat-auth';

/** The limit: nothing a token request needs comes close. */
export const BODY_LIMIT_BYTES = 16 * 1024;

export interface ServerDeps {
  /** Milliseconds since the epoch; the token's ctime and the in-memory room leases come from here. */
  now?: () => number;
  /** Replaces the HTTP code2Session call (wechat mode); by default WX_API_BASE is called. */
  code2Session?: Code2Session;
}

export async function buildServer(config: ServerConfig, deps: ServerDeps = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    // A slow or stalled client cannot hold a connection open for long.
    requestTimeout: 15_000,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    ajv: {
      // Wrong types are errors, not something to coerce ("123" stays wrong for a number and vice versa);
      // unknown fields are dropped.
      customOptions: { coerceTypes: false, removeAdditional: true, allErrors: false },
    },
  });
  installErrorHandlers(app);
  const now = deps.now ?? Date.now;
  // The Date header comes from the same clock as the tokens' ctime, so a client can measure a
  // token's lifetime against it even when the phone's own clock is wrong.
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('date', new Date(now()).toUTCString());
  });
  await app.register(rateLimit, { global: false });
  app.decorateRequest('tokenUserID', '');

  const authenticate = createAuthenticate(
    config,
    config.wechat === null ? null : (deps.code2Session ?? createCode2Session(config.wechat)),
  );
  // Room ownership and approvals: this process's memory, or Redis shared by every instance.
  const rooms = await createRoomStore(config, {
    now,
    onConnectionError: (error) => app.log.warn({ err: error }, 'room store connection problem'),
  }).catch(async (error: unknown) => {
    // Nothing may be left running when start-up fails (tests build servers in-process).
    await app.close();
    throw error;
  });
  app.addHook('onClose', () => rooms.close());
  registerTokenRoute(app, config, { now, authenticate, rooms });
  registerRoomRoutes(app, config, { authenticate, rooms });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.route({
    method: ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    url: '/healthz',
    handler: methodNotAllowed(['GET', 'HEAD']),
  });
  return app;
}
