/**
 * The Redis store's operations as Lua scripts, because each one checks the owner and changes state
 * in the same step: Redis runs a script without interleaving other commands, so two instances
 * claiming one room cannot both win. KEYS[1] is the room's owner (a string with a TTL); KEYS[2] its
 * approved co-hosts (a set given the same TTL). Replies: a status word, then the owner, the lease
 * left in ms and the co-hosts when the caller is the host.
 */

/** ARGV: userID, leaseMs. */
export const CLAIM_HOST = `
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] then return {'owned_by_other'} end
if not owner then redis.call('DEL', KEYS[2]) end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return {'ok', ARGV[1], ARGV[2], unpack(redis.call('SMEMBERS', KEYS[2]))}
`;

/**
 * ARGV: hostUserID, leaseMs, action ('renew' | 'approve' | 'revoke' | 'end'), cohostUserID, limit.
 * Any action by the host renews the lease first: the host acting is a sign of life.
 */
export const HOST_ACTION = `
local owner = redis.call('GET', KEYS[1])
if not owner then return {'no_room'} end
if owner ~= ARGV[1] then return {'not_host'} end
local action = ARGV[3]
if action == 'end' then
  redis.call('DEL', KEYS[1], KEYS[2])
  return {'ended'}
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
if action == 'approve' and redis.call('SISMEMBER', KEYS[2], ARGV[4]) == 0 then
  if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[5]) then return {'cohost_limit'} end
  redis.call('SADD', KEYS[2], ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
elseif action == 'revoke' then
  redis.call('SREM', KEYS[2], ARGV[4])
end
return {'ok', owner, ARGV[2], unpack(redis.call('SMEMBERS', KEYS[2]))}
`;

/** ARGV: userID. */
export const PUBLISH_RIGHT = `
local owner = redis.call('GET', KEYS[1])
if not owner then return 'no_room' end
if owner == ARGV[1] then return 'host' end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 'cohost' end
return 'not_approved'
`;
