# Memory under steady load: SOAK_SECONDS (10 minutes) of streaming through the router at moderate concurrency, the
# router's RSS and open sockets sampled every SAMPLE_SECONDS. The report compares the RSS slope of the last half
# with the first half. Sourced by loadtest/run.

SOAK_SECONDS=${SOAK_SECONDS:-600}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-10}
CONCURRENCY=${CONCURRENCY:-32}
WARMUP_SECONDS=${WARMUP_SECONDS:-15}
SIM_TTFT_MS=${SIM_TTFT_MS:-20}
SIM_ITL_MS=${SIM_ITL_MS:-10}
SIM_OUTPUT_TOKENS=${SIM_OUTPUT_TOKENS:-64}
PROMPT_TOKENS=${PROMPT_TOKENS:-128}
MAX_TOKENS=${MAX_TOKENS:-$SIM_OUTPUT_TOKENS}

build_router
start_sims sim 1 --model demo-model --ttft-ms "$SIM_TTFT_MS" --itl-ms "$SIM_ITL_MS" \
  --output-tokens "$SIM_OUTPUT_TOKENS" --max-running 100000 --prefix-cache false
routing_yaml "$WORK/routing.yaml" weighted bench "${SIM_PORTS[0]}"
caller_yaml "$WORK/routing.yaml" bench
cp "$WORK/routing.yaml" "$RUN_DIR/routing.yaml"
start_router "$WORK/routing.yaml" router || die "the router did not start: $ROUTER_ERROR"
wait_ready "http://127.0.0.1:$ROUTER_PORT/q/health/ready" 30 || log "router readiness not confirmed; going on"

meta simulator "1 server, ttft ${SIM_TTFT_MS} ms, itl ${SIM_ITL_MS} ms, ${SIM_OUTPUT_TOKENS} output tokens"
meta concurrency "$CONCURRENCY"
meta soak_seconds "$SOAK_SECONDS"
meta sample_seconds "$SAMPLE_SECONDS"
meta warmup_seconds "$WARMUP_SECONDS"
meta router_access "$ROUTER_ACCESS"
meta router_java_opts "${ROUTER_JAVA_OPTS:-none}"

log "soaking for ${SOAK_SECONDS} s at concurrency $CONCURRENCY"
drive soak --base-url "http://127.0.0.1:$ROUTER_PORT/v1" --model bench --token "$ROUTER_TOKEN" \
  --label "soak c=$CONCURRENCY" --concurrency "$CONCURRENCY" --duration "${SOAK_SECONDS}s" --warmup "${WARMUP_SECONDS}s" \
  --prompt-tokens "$PROMPT_TOKENS" --max-tokens "$MAX_TOKENS" --request-timeout 60s --drain-timeout 10s \
  --watch "router=$ROUTER_PID" --watch "sim=$SIM_PID" --sample-every "${SAMPLE_SECONDS}s"

meta finished_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
meta load_average_at_end "$(cut -d' ' -f1-3 /proc/loadavg)"
report soak
