import OrreryRedis

/// The Lua scripts that make every ownership and registry change one atomic step in Redis.
///
/// Keys (see `ClusterKeys`): a universe's lease is a hash `{owner, epoch}` that expires; its epoch counter never
/// expires, so every acquire gets a higher epoch than any before it, and a stale owner's renewals, releases and
/// fenced writes are refused by comparing epochs. A lease and its counter share a hash tag, so the scripts also
/// run on Redis Cluster.
enum ClusterScripts {
    /// KEYS: lease, epoch counter, universe set. ARGV: node, ttl ms, universe.
    /// Returns {1, node, new epoch} or {0, holder, holder's epoch}.
    static let acquire = RedisScript("""
        local owner = redis.call('HGET', KEYS[1], 'owner')
        if owner and owner ~= ARGV[1] then
          return {0, owner, tonumber(redis.call('HGET', KEYS[1], 'epoch'))}
        end
        local epoch = redis.call('INCR', KEYS[2])
        redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'epoch', epoch)
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        redis.call('SADD', KEYS[3], ARGV[3])
        return {1, ARGV[1], epoch}
        """)

    /// KEYS: lease. ARGV: node, epoch, ttl ms. Returns 1 if extended, 0 if the lease is no longer this epoch's.
    static let renew = RedisScript("""
        if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] and redis.call('HGET', KEYS[1], 'epoch') == ARGV[2] then
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
          return 1
        end
        return 0
        """)

    /// KEYS: lease. ARGV: node, epoch. Returns 1 if deleted, 0 if the lease is no longer this epoch's.
    static let release = RedisScript("""
        if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] and redis.call('HGET', KEYS[1], 'epoch') == ARGV[2] then
          redis.call('DEL', KEYS[1])
          return 1
        end
        return 0
        """)

    /// KEYS: lease, target. ARGV: node, epoch, value. Sets the target only while the lease is this epoch's;
    /// otherwise an error reply starting with STALE.
    static let fencedSet = RedisScript("""
        if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] and redis.call('HGET', KEYS[1], 'epoch') == ARGV[2] then
          redis.call('SET', KEYS[2], ARGV[3])
          return 1
        end
        return redis.error_reply('STALE epoch ' .. ARGV[2] .. ' of ' .. ARGV[1] .. ' no longer holds the lease')
        """)

    /// KEYS: node hash, node set. ARGV: name, address, load, draining (0/1), ttl ms.
    static let heartbeat = RedisScript("""
        redis.call('HSET', KEYS[1], 'address', ARGV[2], 'load', ARGV[3], 'draining', ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        redis.call('SADD', KEYS[2], ARGV[1])
        return 1
        """)

    /// KEYS: node set. ARGV: node key prefix. Returns {name, address, load, draining} per live node, in name order,
    /// and forgets nodes whose heartbeat expired.
    static let nodes = RedisScript("""
        local names = redis.call('SMEMBERS', KEYS[1])
        table.sort(names)
        local live = {}
        for _, name in ipairs(names) do
          local fields = redis.call('HMGET', ARGV[1] .. name, 'address', 'load', 'draining')
          if fields[1] then
            table.insert(live, {name, fields[1], fields[2], fields[3]})
          else
            redis.call('SREM', KEYS[1], name)
          end
        end
        return live
        """)

    /// KEYS: universe set. ARGV: lease key prefix. Returns {universe, owner or '', epoch or 0} per known universe,
    /// in name order.
    static let leases = RedisScript("""
        local names = redis.call('SMEMBERS', KEYS[1])
        table.sort(names)
        local result = {}
        for _, name in ipairs(names) do
          local fields = redis.call('HMGET', ARGV[1] .. '{' .. name .. '}', 'owner', 'epoch')
          table.insert(result, {name, fields[1] or '', tonumber(fields[2] or '0')})
        end
        return result
        """)
}
