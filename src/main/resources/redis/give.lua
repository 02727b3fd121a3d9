-- Gives back one request slot under every scope (KEYS) and charges ARGV[1] more tokens (negative: refunds), keeping
-- each tokens bucket at most its tokens_per_minute (ARGV[1 + i]).
for i = 1, #KEYS do
  local inflight = tonumber(redis.call('HGET', KEYS[i], 'inflight')) or 0
  if inflight > 0 then
    redis.call('HINCRBY', KEYS[i], 'inflight', -1)
  end
  local tok = tonumber(redis.call('HGET', KEYS[i], 'tok'))
  if tok then
    redis.call('HSET', KEYS[i], 'tok', tostring(math.min(tonumber(ARGV[1 + i]), tok - tonumber(ARGV[1]))))
  end
end
return 0
