/**
 * The room host's calls, authenticated like token requests (dev: the stated `hostUserID`; wechat:
 * the wx.login `code`):
 *   POST   /v1/rooms/:roomID/heartbeat        keeps ownership alive
 *   POST   /v1/rooms/:roomID/cohosts          {userID} approves a co-host
 *   DELETE /v1/rooms/:roomID/cohosts/:userID  revokes an approval
 *   DELETE /v1/rooms/:roomID                  ends the room: ownership and approvals go
 * Each answers with the room as it now stands, or a 4xx `{error: {code, message}}`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerConfig } from './config';
import { ApiError, errorBodySchema, methodNotAllowed } from './errors';
import { fromStore } from './publish-rights';
import { perIpLimit, perUserLimit } from './rate-limits';
import type { HostActionResult, RoomState, RoomStore } from './store/room-store';
import { ID_SCHEMA, LOGIN_CODE_SCHEMA, type Authenticate } from './user-auth';

interface HostBody {
  hostUserID?: string;
  code?: string;
  userID?: string;
}
interface RoomParams {
  roomID: string;
  userID?: string;
}
type RoomRequest = FastifyRequest<{ Body: HostBody; Params: RoomParams }>;

export interface RoomRouteDeps {
  authenticate: Authenticate;
  rooms: RoomStore;
}

function hostBodySchema(config: ServerConfig, withCohost: boolean) {
  const required = [config.authMode === 'wechat' ? 'code' : 'hostUserID'];
  return {
    type: 'object',
    properties: {
      hostUserID: ID_SCHEMA,
      code: LOGIN_CODE_SCHEMA,
      ...(withCohost ? { userID: ID_SCHEMA } : {}),
    },
    required: withCohost ? [...required, 'userID'] : required,
    additionalProperties: false,
  };
}

function paramsSchema(withCohost: boolean) {
  const properties = withCohost ? { roomID: ID_SCHEMA, userID: ID_SCHEMA } : { roomID: ID_SCHEMA };
  return { type: 'object', properties, required: Object.keys(properties) };
}

const roomReplySchema = {
  type: 'object',
  properties: {
    roomID: { type: 'string' },
    hostUserID: { type: 'string' },
    cohostUserIDs: { type: 'array', items: { type: 'string' } },
    cohostLimit: { type: 'integer' },
    /** Unix seconds. */
    leaseExpiresAt: { type: 'integer' },
  },
  required: ['roomID', 'hostUserID', 'cohostUserIDs', 'cohostLimit', 'leaseExpiresAt'],
};

const endReplySchema = {
  type: 'object',
  properties: { roomID: { type: 'string' }, ended: { type: 'boolean' } },
  required: ['roomID', 'ended'],
};

function replySchemas(ok: object) {
  return { 200: ok, '4xx': errorBodySchema, '5xx': errorBodySchema };
}

function noRoom(roomID: string): ApiError {
  return new ApiError(
    404,
    'room_not_found',
    `room ${roomID} has no host (never claimed, ended, or its lease lapsed); ask for a host token to claim it`,
  );
}

function notHost(roomID: string): ApiError {
  return new ApiError(403, 'not_room_host', `only the host of room ${roomID} may do this`);
}

export function registerRoomRoutes(app: FastifyInstance, config: ServerConfig, deps: RoomRouteDeps): void {
  // One pair of limiters for all room calls, so spreading requests over routes gains nothing.
  const ipLimit = perIpLimit(app, config.rateLimitPerIp);
  const userLimit = perUserLimit(app, config.rateLimitPerUser);
  const authenticate = async (request: RoomRequest) => {
    request.tokenUserID = await deps.authenticate(request.body.hostUserID, request.body.code);
  };

  const reply = (result: HostActionResult, roomID: string) => {
    switch (result.kind) {
      case 'ok':
        return roomReply(result.room, config.cohostLimit);
      case 'no_room':
        throw noRoom(roomID);
      case 'not_host':
        throw notHost(roomID);
      case 'cohost_limit':
        throw new ApiError(
          409,
          'cohost_limit',
          `room ${roomID} already has ${config.cohostLimit} co-hosts; remove one before approving another`,
        );
    }
  };

  const route = (
    method: 'POST' | 'DELETE',
    url: string,
    withCohost: { body: boolean; params: boolean },
    ok: object,
    handler: (request: RoomRequest) => Promise<unknown>,
  ) =>
    app.route<{ Body: HostBody; Params: RoomParams }>({
      method,
      url,
      schema: {
        body: hostBodySchema(config, withCohost.body),
        params: paramsSchema(withCohost.params),
        response: replySchemas(ok),
      },
      onRequest: ipLimit,
      preHandler: [authenticate, userLimit],
      handler: async (request, fastifyReply) => {
        void fastifyReply.header('cache-control', 'no-store');
        return handler(request);
      },
    });

  const none = { body: false, params: false };
  route('POST', '/v1/rooms/:roomID/heartbeat', none, roomReplySchema, async (request) => {
    const { roomID } = request.params;
    const result = await fromStore(request.log, () => deps.rooms.renewLease(roomID, request.tokenUserID));
    return reply(result, roomID);
  });

  route(
    'POST',
    '/v1/rooms/:roomID/cohosts',
    { body: true, params: false },
    roomReplySchema,
    async (request) => {
      const { roomID } = request.params;
      const cohostID = request.body.userID ?? '';
      const host = request.tokenUserID;
      if (cohostID === host) {
        // Whether the caller is the host decides first: a non-host hears 403/404, not a 400 hint.
        reply(await fromStore(request.log, () => deps.rooms.renewLease(roomID, host)), roomID);
        throw new ApiError(400, 'cohost_is_host', 'the host may already publish; approve another user');
      }
      return reply(
        await fromStore(request.log, () => deps.rooms.approveCohost(roomID, host, cohostID)),
        roomID,
      );
    },
  );

  route(
    'DELETE',
    '/v1/rooms/:roomID/cohosts/:userID',
    { body: false, params: true },
    roomReplySchema,
    async (request) => {
      const { roomID, userID = '' } = request.params;
      const host = request.tokenUserID;
      return reply(await fromStore(request.log, () => deps.rooms.revokeCohost(roomID, host, userID)), roomID);
    },
  );

  route('DELETE', '/v1/rooms/:roomID', none, endReplySchema, async (request) => {
    const { roomID } = request.params;
    const result = await fromStore(request.log, () => deps.rooms.endRoom(roomID, request.tokenUserID));
    if (result.kind === 'no_room') throw noRoom(roomID);
    if (result.kind === 'not_host') throw notHost(roomID);
    return { roomID, ended: true };
  });

  for (const [url, allowed] of [
    ['/v1/rooms/:roomID/heartbeat', ['POST']],
    ['/v1/rooms/:roomID/cohosts', ['POST']],
    ['/v1/rooms/:roomID/cohosts/:userID', ['DELETE']],
    ['/v1/rooms/:roomID', ['DELETE']],
  ] as const) {
    const others = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].filter(
      (method) => !(allowed as readonly string[]).includes(method),
    );
    app.route({ method: others, url, handler: methodNotAllowed([...allowed]) });
  }
}

function roomReply(room: RoomState, cohostLimit: number) {
  return {
    roomID: room.roomID,
    hostUserID: room.hostUserID,
    cohostUserIDs: room.cohostUserIDs,
    cohostLimit,
    leaseExpiresAt: Math.floor(room.leaseExpiresAtMs / 1000),
  };
}
