# The router's overhead: the same streaming load straight to one simulated server ("direct"), through nginx as a
# plain reverse proxy, and through the router (one group, one target: that server), interleaved point by point so
# that drift in the machine hits all three alike. Sourced by loadtest/run for the overhead and smoke suites.

if [ "$SUITE" = smoke ]; then
  CONCURRENCY=${CONCURRENCY:-1 4}
  POINT_SECONDS=${POINT_SECONDS:-3}
  WARMUP_SECONDS=${WARMUP_SECONDS:-1}
  GLOBAL_WARMUP_SECONDS=${GLOBAL_WARMUP_SECONDS:-2}
  INSTALL_NGINX=${INSTALL_NGINX:-no}
else
  CONCURRENCY=${CONCURRENCY:-1 16 64 256}
  POINT_SECONDS=${POINT_SECONDS:-20}
  WARMUP_SECONDS=${WARMUP_SECONDS:-3}
  GLOBAL_WARMUP_SECONDS=${GLOBAL_WARMUP_SECONDS:-10}
  INSTALL_NGINX=${INSTALL_NGINX:-yes}
fi
SIM_TTFT_MS=${SIM_TTFT_MS:-20}
SIM_ITL_MS=${SIM_ITL_MS:-10}
SIM_OUTPUT_TOKENS=${SIM_OUTPUT_TOKENS:-64}
PROMPT_TOKENS=${PROMPT_TOKENS:-128}
MAX_TOKENS=${MAX_TOKENS:-$SIM_OUTPUT_TOKENS}
TARGETS=${TARGETS:-direct nginx router}

build_router

if [ ! -x "$NGINX" ] && [ "$INSTALL_NGINX" = yes ] \
    && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  log "installing nginx-light (apt-get install -y nginx-light)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >"$WORK/apt.log" 2>&1 \
    || note "apt-get install nginx-light failed: $(tail -1 "$WORK/apt.log")"
  NGINX=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
fi

log "starting one simulated server (ttft ${SIM_TTFT_MS} ms, itl ${SIM_ITL_MS} ms, ${SIM_OUTPUT_TOKENS} tokens)"
start_sims sim 1 --model demo-model --ttft-ms "$SIM_TTFT_MS" --itl-ms "$SIM_ITL_MS" \
  --output-tokens "$SIM_OUTPUT_TOKENS" --max-running 100000 --prefix-cache false
SIM_PORT=${SIM_PORTS[0]}
wait_ready "http://127.0.0.1:$SIM_PORT/health" 30 || die "simulator not healthy"

declare -A URL MODEL WATCH
URL[direct]=http://127.0.0.1:$SIM_PORT/v1 MODEL[direct]=demo-model WATCH[direct]=""

if [[ " $TARGETS " == *" nginx "* ]]; then
  if start_nginx "$SIM_PORT"; then
    URL[nginx]=http://127.0.0.1:$NGINX_PORT/v1 MODEL[nginx]=demo-model
    WATCH[nginx]="--watch nginx=${NGINX_WORKERS:-$NGINX_PID}"
    meta nginx_version "$NGINX_VERSION"
  else
    note "nginx is not installed (or did not start): the nginx column is skipped."
    TARGETS=${TARGETS//nginx/}
  fi
fi

if [[ " $TARGETS " == *" router "* ]]; then
  routing_yaml "$WORK/routing.yaml" weighted bench "$SIM_PORT"
  cp "$WORK/routing.yaml" "$RUN_DIR/routing.yaml"
  log "starting the router"
  start_router "$WORK/routing.yaml" router || die "the router did not start: $ROUTER_ERROR"
  wait_ready "http://127.0.0.1:$ROUTER_PORT/q/health/ready" 30 || log "router readiness not confirmed; going on"
  URL[router]=http://127.0.0.1:$ROUTER_PORT/v1 MODEL[router]=bench WATCH[router]="--watch router=$ROUTER_PID"
  meta router_anonymous "$ROUTER_ANONYMOUS"
  meta router_java_opts "${ROUTER_JAVA_OPTS:-none}"
fi

meta concurrency "$CONCURRENCY"
meta point_seconds "$POINT_SECONDS"
meta warmup_seconds "$WARMUP_SECONDS"
meta targets "$(echo $TARGETS)"
meta simulator "1 server, ttft ${SIM_TTFT_MS} ms, itl ${SIM_ITL_MS} ms, ${SIM_OUTPUT_TOKENS} output tokens, prefix cache off"
meta prompt_tokens "$PROMPT_TOKENS"
meta max_tokens "$MAX_TOKENS"

common=(--prompt-tokens "$PROMPT_TOKENS" --max-tokens "$MAX_TOKENS" --request-timeout 60s --drain-timeout 10s)
top=$(echo $CONCURRENCY | tr ' ' '\n' | sort -n | tail -1)
if [ "$GLOBAL_WARMUP_SECONDS" != 0 ]; then
  for target in $TARGETS; do
    log "warming up $target (${GLOBAL_WARMUP_SECONDS} s at concurrency $(( top < 64 ? top : 64 )))"
    java $UNSAFE_OPT $DRIVER_JAVA_OPTS -jar "$DRIVER_JAR" --base-url "${URL[$target]}" --model "${MODEL[$target]}" \
      --label "warm-up $target" --concurrency $(( top < 64 ? top : 64 )) --duration "${GLOBAL_WARMUP_SECONDS}s" \
      "${common[@]}" 2>/dev/null >/dev/null || true
  done
fi

for c in $CONCURRENCY; do
  for target in $TARGETS; do
    # shellcheck disable=SC2086
    drive "$target-c$c" --base-url "${URL[$target]}" --model "${MODEL[$target]}" --label "$target c=$c" \
      --concurrency "$c" --duration "${POINT_SECONDS}s" --warmup "${WARMUP_SECONDS}s" "${common[@]}" \
      --watch "sim=$SIM_PID" ${WATCH[$target]} --sample-every 1s
  done
done

meta finished_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
meta load_average_at_end "$(cut -d' ' -f1-3 /proc/loadavg)"
report "$SUITE"
