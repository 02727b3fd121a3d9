-- Takes one request slot, one request and ARGV[1] tokens under every scope (one hash per scope in KEYS), all or
-- nothing. Per scope, ARGV holds max_concurrent, requests_per_minute, tokens_per_minute (0 = no limit).
-- Buckets refill continuously from the time of the last change; Redis's clock decides, so replicas agree.
-- Returns {0} when taken, else {1, scope index, limit name, milliseconds until a retry may succeed}.
local now = redis.call('TIME')
local t = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local tokens = tonumber(ARGV[1])
local state = {}
for i = 1, #KEYS do
  local base = 1 + (i - 1) * 3
  local maxc, rpm, tpm = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3])
  local h = redis.call('HMGET', KEYS[i], 'inflight', 'req', 'tok', 'ts')
  local inflight = tonumber(h[1]) or 0
  local ts = tonumber(h[4]) or t
  local minutes = (t - ts) / 60000
  local req = math.min(rpm, (tonumber(h[2]) or rpm) + minutes * rpm)
  local tok = math.min(tpm, (tonumber(h[3]) or tpm) + minutes * tpm)
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
  redis.call('HSET', KEYS[i], 'inflight', s[1] + 1, 'req', tostring(s[2] - 1), 'tok', tostring(s[3] - tokens), 'ts', t)
  redis.call('PEXPIRE', KEYS[i], 600000)
end
return {0}
