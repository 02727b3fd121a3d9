# Prefix-cache reuse by routing strategy: several simulated servers with the prefix KV-cache model and a prefill
# cost, a multi-turn multi-tenant workload through the router, once per strategy (a fresh router and fresh servers
# each time, so no strategy inherits another's warm caches). A strategy the router refuses at start-up is skipped
# with a note. The router runs without callers (switchboard.access.anonymous): the workload's tenants come from
# X-Tenant-ID, and a caller's token would put every request under that caller's one tenant. Sourced by loadtest/run.

STRATEGIES=${STRATEGIES:-weighted least-loaded prefix-affinity}
SIMS=${SIMS:-4}
SIM_TTFT_MS=${SIM_TTFT_MS:-20}
SIM_ITL_MS=${SIM_ITL_MS:-10}
SIM_OUTPUT_TOKENS=${SIM_OUTPUT_TOKENS:-128}
PREFILL_MS_PER_1K=${PREFILL_MS_PER_1K:-40}
CACHE_BLOCKS=${CACHE_BLOCKS:-2048}
TENANTS=${TENANTS:-4}
CONVERSATIONS=${CONVERSATIONS:-32}
TURNS=${TURNS:-12}
SYSTEM_PROMPT_TOKENS=${SYSTEM_PROMPT_TOKENS:-1024}
PROMPT_TOKENS=${PROMPT_TOKENS:-128}
MAX_TOKENS=${MAX_TOKENS:-128}
CONCURRENCY=${CONCURRENCY:-16}
DURATION_SECONDS=${DURATION_SECONDS:-60}
WARMUP_SECONDS=${WARMUP_SECONDS:-5}

build_router

meta strategies "$STRATEGIES"
meta simulator "$SIMS servers, ttft ${SIM_TTFT_MS} ms + ${PREFILL_MS_PER_1K} ms per 1k uncached prompt tokens, itl ${SIM_ITL_MS} ms, prefix cache ${CACHE_BLOCKS} blocks of 16 tokens each"
meta workload "multi-turn: $TENANTS tenants with a ${SYSTEM_PROMPT_TOKENS}-token system prompt each, $CONVERSATIONS conversations of $TURNS turns, ${PROMPT_TOKENS}-token user messages, max_tokens $MAX_TOKENS"
meta concurrency "$CONCURRENCY"
meta duration_seconds "$DURATION_SECONDS"
meta warmup_seconds "$WARMUP_SECONDS"

for strategy in $STRATEGIES; do
  log "strategy $strategy: starting $SIMS simulated servers"
  start_sims "sims-$strategy" "$SIMS" --model demo-model --ttft-ms "$SIM_TTFT_MS" --itl-ms "$SIM_ITL_MS" \
    --output-tokens "$SIM_OUTPUT_TOKENS" --prefill-ms-per-1k "$PREFILL_MS_PER_1K" --prefix-cache true \
    --cache-blocks "$CACHE_BLOCKS" --max-running 100000
  routing_yaml "$WORK/routing-$strategy.yaml" "$strategy" prefix "${SIM_PORTS[@]}"
  cp "$WORK/routing-$strategy.yaml" "$RUN_DIR/routing-$strategy.yaml"
  if ! start_router "$WORK/routing-$strategy.yaml" "router-$strategy"; then
    note "strategy $strategy skipped: the router refused it at start-up: $ROUTER_ERROR"
    meta "skipped.$strategy" "refused at start-up"
    stop_pid "$SIM_PID"
    continue
  fi
  wait_ready "http://127.0.0.1:$ROUTER_PORT/q/health/ready" 30 || log "router readiness not confirmed; going on"
  metrics=()
  for port in "${SIM_PORTS[@]}"; do metrics+=(--metrics-url "http://127.0.0.1:$port/metrics"); done
  drive "$strategy" --base-url "http://127.0.0.1:$ROUTER_PORT/v1" --model prefix --label "$strategy" \
    --workload multi-turn --tenants "$TENANTS" --conversations "$CONVERSATIONS" --turns "$TURNS" \
    --system-prompt-tokens "$SYSTEM_PROMPT_TOKENS" --prompt-tokens "$PROMPT_TOKENS" --max-tokens "$MAX_TOKENS" \
    --concurrency "$CONCURRENCY" --duration "${DURATION_SECONDS}s" --warmup "${WARMUP_SECONDS}s" \
    --request-timeout 60s --drain-timeout 15s --watch "router=$ROUTER_PID" --watch "simulators=$SIM_PID" \
    --sample-every 2s "${metrics[@]}"
  stop_pid "$ROUTER_PID"
  stop_pid "$SIM_PID"
done

# The workload's ceiling: one server with a cache too large to evict, called directly. No router can beat this hit
# rate; the strategies' rows read against it.
if [ "${REFERENCE:-yes}" = yes ]; then
  log "reference: one simulated server, unbounded cache, no router"
  start_sims sims-reference 1 --model demo-model --ttft-ms "$SIM_TTFT_MS" --itl-ms "$SIM_ITL_MS" \
    --output-tokens "$SIM_OUTPUT_TOKENS" --prefill-ms-per-1k "$PREFILL_MS_PER_1K" --prefix-cache true \
    --cache-blocks 10000000 --max-running 100000
  drive reference --base-url "http://127.0.0.1:${SIM_PORTS[0]}/v1" --model demo-model --label "reference" \
    --workload multi-turn --tenants "$TENANTS" --conversations "$CONVERSATIONS" --turns "$TURNS" \
    --system-prompt-tokens "$SYSTEM_PROMPT_TOKENS" --prompt-tokens "$PROMPT_TOKENS" --max-tokens "$MAX_TOKENS" \
    --concurrency "$CONCURRENCY" --duration "${DURATION_SECONDS}s" --warmup "${WARMUP_SECONDS}s" \
    --request-timeout 60s --drain-timeout 15s --watch "simulators=$SIM_PID" --sample-every 2s \
    --metrics-url "http://127.0.0.1:${SIM_PORTS[0]}/metrics"
  stop_pid "$SIM_PID"
fi

meta router_anonymous "$ROUTER_ANONYMOUS"
meta router_access "${ROUTER_ACCESS:-none started}"
meta router_java_opts "${ROUTER_JAVA_OPTS:-none}"
meta finished_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
meta load_average_at_end "$(cut -d' ' -f1-3 /proc/loadavg)"
report prefix
