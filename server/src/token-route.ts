/**
 * POST /v1/token: `{userID, roomID?, role?, userName?}` (plus `code` in wechat mode) →
 * `{token, userID, expiresAt}`. The schema is the only parser of the body: unknown fields are
 * dropped before the handler sees them, so they can never widen what a token allows. Publishing
 * roles are checked against the room's owner and approvals first (publish-rights.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerConfig } from './config';
import { errorBodySchema, methodNotAllowed } from './errors';
import { privilegePayload, ROLES, type Role } from './privilege';
import { checkPublishRight } from './publish-rights';
import { perIpLimit, perUserLimit } from './rate-limits';
import type { RoomStore } from './store/room-store';
import { generateToken04 } from './token04';
import { ID_SCHEMA, LOGIN_CODE_SCHEMA, type Authenticate } from './user-auth';

export interface TokenRequestBody {
  userID?: string;
  roomID?: string;
  role?: Role;
  userName?: string;
  code?: string;
}

export interface TokenRouteDeps {
  now: () => number;
  authenticate: Authenticate;
  rooms: RoomStore;
}

function bodySchema(config: ServerConfig) {
  return {
    type: 'object',
    properties: {
      userID: ID_SCHEMA,
      roomID: ID_SCHEMA,
      role: { type: 'string', enum: ROLES },
      userName: { type: 'string', maxLength: 64 },
      code: LOGIN_CODE_SCHEMA,
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
    request.tokenUserID = await deps.authenticate(request.body.userID, request.body.code);
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
      if (roomID !== undefined) {
        await checkPublishRight(deps.rooms, request.log, { roomID, userID: request.tokenUserID, role });
      }
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
