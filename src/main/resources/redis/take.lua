-- Takes one request slot, one request and ARGV[1] tokens under every scope (one hash per scope in KEYS), all or
-- nothing. ARGV[2] is this replica's lease key and ARGV[3] its length in ms; per scope, ARGV then holds
-- max_concurrent, requests_per_minute, tokens_per_minute (0 = no limit).
-- Slots in flight are counted per replica (field "slots:<lease key>"); a replica whose lease key has expired (it
-- died, or lost Redis for longer than its lease) holds no slots any more, so its slots free themselves.
-- Buckets refill continuously from the time of the last change; Redis's clock decides, so replicas agree.
-- Returns {0} when taken, else {1, scope index, limit name, milliseconds until a retry may succeed}.
local now = redis.call('TIME')
local t = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local tokens = tonumber(ARGV[1])
local lease = ARGV[2]
redis.call('SET', lease, '1', 'PX', tonumber(ARGV[3]))
local mine = 'slots:' .. lease
local state = {}
for i = 1, #KEYS do
  local base = 3 + (i - 1) * 3
  local maxc, rpm, tpm = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3])
  local inflight = 0
  local fields = redis.call('HGETALL', KEYS[i])
  local h = {}
  for f = 1, #fields, 2 do
    local name, value = fields[f], fields[f + 1]
    if string.sub(name, 1, 6) == 'slots:' then
      if name == mine or redis.call('EXISTS', string.sub(name, 7)) == 1 then
        inflight = inflight + tonumber(value)
      else
        redis.call('HDEL', KEYS[i], name)
      end
    else
      h[name] = value
    end
  end
  local ts = tonumber(h['ts']) or t
  local minutes = (t - ts) / 60000
  local req = math.min(rpm, (tonumber(h['req']) or rpm) + minutes * rpm)
  local tok = math.min(tpm, (tonumber(h['tok']) or tpm) + minutes * tpm)
  state[i] = {inflight, req, tok, maxc}
  if rpm > 0 and req < 1 then
    return {1, i, 'requests_per_minute', math.ceil((1 - req) * 60000 / rpm)}
  end
  local need = math.min(tokens, tpm)
  if tpm > 0 and tok < need then
    return {1, i, 'tokens_per_minute', math.ceil((need - tok) * 60000 / tpm)}
  end
end
for i = 1, #KEYS do
  if state[i][4] > 0 and state[i][1] >= state[i][4] then
    return {1, i, 'max_concurrent', 1000}
  end
end
for i = 1, #KEYS do
  local s = state[i]
  redis.call('HINCRBY', KEYS[i], mine, 1)
  redis.call('HSET', KEYS[i], 'req', tostring(s[2] - 1), 'tok', tostring(s[3] - tokens), 'ts', t)
  redis.call('PEXPIRE', KEYS[i], 600000)
end
return {0}
