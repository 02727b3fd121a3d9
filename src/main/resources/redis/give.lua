-- Gives back one of this replica's request slots (ARGV[2]: its lease key) under every scope (KEYS) and charges
-- ARGV[1] more tokens (negative: refunds), keeping each tokens bucket at most its tokens_per_minute (ARGV[2 + i]).
local mine = 'slots:' .. ARGV[2]
for i = 1, #KEYS do
  local held = tonumber(redis.call('HGET', KEYS[i], mine)) or 0
  if held > 1 then
    redis.call('HINCRBY', KEYS[i], mine, -1)
  elseif held == 1 then
    redis.call('HDEL', KEYS[i], mine)
  end
  local tok = tonumber(redis.call('HGET', KEYS[i], 'tok'))
  if tok then
    redis.call('HSET', KEYS[i], 'tok', tostring(math.min(tonumber(ARGV[2 + i]), tok - tonumber(ARGV[1]))))
  end
end
return 0
