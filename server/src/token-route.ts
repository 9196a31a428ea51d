/**
 * POST /v1/token: `{userID, roomID?, role?, userName?}` (plus `code` in wechat mode) →
 * `{token, userID, expiresAt}`. The schema is the only parser of the body: unknown fields are
 * dropped before the handler sees them, so they can never widen what a token allows.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerConfig } from './config';
import { ApiError, errorBodySchema, methodNotAllowed } from './errors';
import { privilegePayload, type Role } from './privilege';
import { perIpLimit, perUserLimit } from './rate-limits';
import { generateToken04 } from './token04';
import { userIdForOpenid, type Code2Session } from './wechat-auth';

/** The ID rule Express and ZIM share (miniprogram/core/ids.ts). */
const ID_SCHEMA = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$' } as const;

export interface TokenRequestBody {
  userID?: string;
  roomID?: string;
  role?: Role;
  userName?: string;
  code?: string;
}

export interface TokenRouteDeps {
  now: () => number;
  code2Session: Code2Session | null;
}

function bodySchema(config: ServerConfig) {
  return {
    type: 'object',
    properties: {
      userID: ID_SCHEMA,
      roomID: ID_SCHEMA,
      role: { type: 'string', enum: ['host', 'audience'] },
      userName: { type: 'string', maxLength: 64 },
      // A wx.login code; ignored in dev mode.
      code: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,128}$' },
    },
    // In wechat mode the server tells the client its user ID, so userID is optional there.
    required: config.authMode === 'wechat' ? ['code'] : ['userID'],
    dependencies: { role: ['roomID'] },
    additionalProperties: false,
  };
}

const responseSchema = {
  200: {
    type: 'object',
    properties: { token: { type: 'string' }, userID: { type: 'string' }, expiresAt: { type: 'integer' } },
    required: ['token', 'userID', 'expiresAt'],
  },
  '4xx': errorBodySchema,
  '5xx': errorBodySchema,
};

export function registerTokenRoute(app: FastifyInstance, config: ServerConfig, deps: TokenRouteDeps): void {
  const authenticate = async (request: FastifyRequest<{ Body: TokenRequestBody }>) => {
    const body = request.body;
    if (config.authMode === 'dev' || deps.code2Session === null) {
      request.tokenUserID = body.userID ?? '';
      return;
    }
    const { openid } = await deps.code2Session(body.code ?? '');
    const ownID = userIdForOpenid(openid, config.wechat?.userIdKey ?? '');
    if (body.userID !== undefined && body.userID !== ownID) {
      throw new ApiError(403, 'forbidden_user', 'this WeChat user may only ask for its own user ID');
    }
    request.tokenUserID = ownID;
  };

  app.route<{ Body: TokenRequestBody }>({
    method: 'POST',
    url: '/v1/token',
    schema: { body: bodySchema(config), response: responseSchema },
    onRequest: perIpLimit(app, config.rateLimitPerIp),
    preHandler: [authenticate, perUserLimit(app, config.rateLimitPerUser)],
    handler: async (request, reply: FastifyReply) => {
      const { roomID } = request.body;
      const role: Role = request.body.role ?? 'audience';
      // ctime from the injected clock (Date.now in production); nonce and IV stay random.
      const ctime = Math.floor(deps.now() / 1000);
      const token = generateToken04(
        {
          appId: config.zegoAppId,
          userId: request.tokenUserID,
          secret: config.zegoServerSecret,
          effectiveTimeInSeconds: config.tokenTtlSeconds,
          payload: privilegePayload(roomID, role),
        },
        { ctime },
      );
      void reply.header('cache-control', 'no-store');
      return { token, userID: request.tokenUserID, expiresAt: ctime + config.tokenTtlSeconds };
    },
  });

  app.route({
    method: ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    url: '/v1/token',
    handler: methodNotAllowed(['POST']),
  });
}
