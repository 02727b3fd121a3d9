# The router's performance budget (DESIGN.md) in one run. For each upstream profile in PROFILES, one simulated server
# and the same streaming load sent straight to it ("direct"), through nginx as a plain reverse proxy, and through the
# router (one group, one target: that server; a caller token, usage rows and metrics on, as in production),
# interleaved point by point so that drift in the machine hits all three alike. After the paced points the router is
# restarted and measured in its first COLD_SECONDS after ready; at the end the README's demo command is timed from
# launch to ready START_RUNS times. Sourced by loadtest/run for the overhead and smoke suites.

if [ "$SUITE" = smoke ]; then
  CONCURRENCY=${CONCURRENCY:-1 4}
  # smoke proves every measurement works and times nothing: no warm-up, so CI stays near a minute
  POINT_SECONDS=${POINT_SECONDS:-3}
  WARMUP_SECONDS=${WARMUP_SECONDS:-0}
  GLOBAL_WARMUP_SECONDS=${GLOBAL_WARMUP_SECONDS:-0}
  COLD_SECONDS=${COLD_SECONDS:-3}
  COLD_PREWARM_SECONDS=${COLD_PREWARM_SECONDS:-2}
  START_RUNS=${START_RUNS:-1}
  INSTALL_NGINX=${INSTALL_NGINX:-no}
else
  CONCURRENCY=${CONCURRENCY:-1 16 64}
  POINT_SECONDS=${POINT_SECONDS:-15}
  WARMUP_SECONDS=${WARMUP_SECONDS:-3}
  GLOBAL_WARMUP_SECONDS=${GLOBAL_WARMUP_SECONDS:-20}
  COLD_SECONDS=${COLD_SECONDS:-10}
  COLD_PREWARM_SECONDS=${COLD_PREWARM_SECONDS:-10}
  START_RUNS=${START_RUNS:-5}
  INSTALL_NGINX=${INSTALL_NGINX:-yes}
fi
PROFILES=$(echo ${PROFILES:-paced burst})
# paced: a GPU-like stream; burst: no delays at all, so what is measured is each proxy's own cost per request and event
SIM_TTFT_MS=${SIM_TTFT_MS:-50}
SIM_ITL_MS=${SIM_ITL_MS:-10}
SIM_OUTPUT_TOKENS=${SIM_OUTPUT_TOKENS:-64}
PROMPT_TOKENS=${PROMPT_TOKENS:-128}
MAX_TOKENS=${MAX_TOKENS:-$SIM_OUTPUT_TOKENS}
TARGETS=${TARGETS:-direct nginx router}
BUDGET_STRICT=${BUDGET_STRICT:-0}
# The budget's cold figures are paced at 64 streams.
COLD_PROFILE=paced
COLD_CONCURRENCY=64

for profile in $PROFILES; do
  case "$profile" in
    paced|burst) ;;
    *) die "unknown profile '$profile' in PROFILES (paced, burst)" ;;
  esac
done

build_router

if [[ " $TARGETS " == *" nginx "* ]]; then
  if [ ! -x "$NGINX" ] && [ "$INSTALL_NGINX" = yes ] \
      && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    log "installing nginx-light (apt-get install -y nginx-light)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >"$WORK/apt.log" 2>&1 \
      || note "apt-get install nginx-light failed: $(tail -1 "$WORK/apt.log")"
    NGINX=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
  fi
  if [ ! -x "$NGINX" ]; then
    note "nginx is not installed: the nginx column is skipped, and the budget rows against nginx are not measured."
    TARGETS=${TARGETS//nginx/}
  fi
fi

meta profiles "$PROFILES"
meta profile.paced "ttft ${SIM_TTFT_MS} ms, itl ${SIM_ITL_MS} ms"
meta profile.burst "ttft 0 ms, itl 0 ms"
meta concurrency "$CONCURRENCY"
meta point_seconds "$POINT_SECONDS"
meta warmup_seconds "$WARMUP_SECONDS"
meta targets "$(echo $TARGETS)"
meta simulator "1 server per profile, ${SIM_OUTPUT_TOKENS} output tokens, prefix cache off"
meta prompt_tokens "$PROMPT_TOKENS"
meta max_tokens "$MAX_TOKENS"
meta cold_profile "$COLD_PROFILE"
meta cold_concurrency "$COLD_CONCURRENCY"
meta cold_seconds "$COLD_SECONDS"
meta budget_strict "$BUDGET_STRICT"
meta start_runs "$START_RUNS"
meta global_warmup "${GLOBAL_WARMUP_SECONDS} s per target and profile of one-token answers at concurrency 32"
meta router_java_opts "${ROUTER_JAVA_OPTS:-none}"

common=(--prompt-tokens "$PROMPT_TOKENS" --max-tokens "$MAX_TOKENS" --request-timeout 60s --drain-timeout 10s)
declare -A URL MODEL WATCH AUTH

# warm_up <target>: one-token answers at concurrency 32, so every target sees some ten thousand requests before the
# first point. The router's per-request code runs once per request, not once per token, and is only JIT-compiled after
# thousands of them; measured cold, it adds 1-2 ms to the first token that a warm router does not.
warm_up() {
  log "warming up $1 (${GLOBAL_WARMUP_SECONDS} s of one-token answers at concurrency 32)"
  # shellcheck disable=SC2086
  java $UNSAFE_OPT $DRIVER_JAVA_OPTS -jar "$DRIVER_JAR" --base-url "${URL[$1]}" --model "${MODEL[$1]}" ${AUTH[$1]} \
    --label "warm-up $profile $1" --concurrency 32 --max-tokens 1 --duration "${GLOBAL_WARMUP_SECONDS}s" \
    --prompt-tokens "$PROMPT_TOKENS" 2>/dev/null | tee -a "$RUN_DIR/console.txt" >/dev/null || true
}

# cold_point <routing yaml>: the router restarted with the same config and loaded from the moment /q/health/ready
# answers 200, by a driver that first warms its own code on the simulator (--prewarm-url) and only then lets the router
# start: the router is cold, the driver is not, and the point is judged against the warm direct point.
cold_point() {
  local yaml=$1 c=$COLD_CONCURRENCY prewarmed=$WORK/driver-prewarmed driver i=0 port
  port=$(free_port)
  log "restarting the router for the cold point (the driver warms itself on the simulator first)"
  stop_pid "$ROUTER_PID"
  rm -f "$prewarmed"
  drive "$profile-router-cold-c$c" --prewarm-url "${URL[direct]}" --prewarm-model "${MODEL[direct]}" \
    --prewarm "${COLD_PREWARM_SECONDS}s" --prewarmed-file "$prewarmed" \
    --wait-ready "http://127.0.0.1:$port/q/health/ready" \
    --base-url "http://127.0.0.1:$port/v1" --model bench --token "$ROUTER_TOKEN" --label "router cold c=$c" \
    --concurrency "$c" --duration "${COLD_SECONDS}s" --warmup 0s "${common[@]}" --watch "sim=$SIM_PID" \
    --sample-every 1s &
  driver=$!
  while [ ! -f "$prewarmed" ] && kill -0 "$driver" 2>/dev/null && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
  launch_router "$yaml" "router-cold" "$port"
  if ! wait "$driver"; then
    note "The cold point was not measured: the restarted router was not ready within 60 s;" \
      "$(why_not_ready "$ROUTER_PID" router-cold "http://127.0.0.1:$ROUTER_PORT/q/health/ready")"
  fi
}

for profile in $PROFILES; do
  if [ "$profile" = paced ]; then ttft=$SIM_TTFT_MS itl=$SIM_ITL_MS; else ttft=0 itl=0; fi
  log "profile $profile: one simulated server (ttft ${ttft} ms, itl ${itl} ms, ${SIM_OUTPUT_TOKENS} tokens)"
  start_sims "sim-$profile" 1 --model demo-model --ttft-ms "$ttft" --itl-ms "$itl" \
    --output-tokens "$SIM_OUTPUT_TOKENS" --max-running 100000 --prefix-cache false
  SIM_PORT=${SIM_PORTS[0]}
  wait_ready "http://127.0.0.1:$SIM_PORT/health" 30 || die "simulator not healthy"
  URL[direct]=http://127.0.0.1:$SIM_PORT/v1 MODEL[direct]=demo-model WATCH[direct]="" AUTH[direct]=""

  if [[ " $TARGETS " == *" nginx "* ]]; then
    if start_nginx "$SIM_PORT"; then
      URL[nginx]=http://127.0.0.1:$NGINX_PORT/v1 MODEL[nginx]=demo-model AUTH[nginx]=""
      # the master and every worker: nginx's CPU per request is all of them
      WATCH[nginx]="--watch nginx=$NGINX_PID${NGINX_WORKERS:+,$NGINX_WORKERS}"
      if [ "$profile" = "${PROFILES%% *}" ]; then
        meta nginx_version "$NGINX_VERSION"
        meta nginx_processes "the master and $(( $(tr -cd , <<<"$NGINX_WORKERS" | wc -c) + 1 )) workers"
      fi
    else
      note "nginx did not start: the nginx column is skipped from profile $profile on."
      TARGETS=${TARGETS//nginx/}
    fi
  fi

  if [[ " $TARGETS " == *" router "* ]]; then
    yaml=$WORK/routing-$profile.yaml
    routing_yaml "$yaml" weighted bench "$SIM_PORT"
    caller_yaml "$yaml" bench
    cp "$yaml" "$RUN_DIR/routing-$profile.yaml"
    log "starting the router"
    start_router "$yaml" "router-$profile" || die "the router did not start: $ROUTER_ERROR"
    if ! wait_ready "http://127.0.0.1:$ROUTER_PORT/q/health/ready" 30; then
      note "The router (profile $profile) was not ready after 30 s; measured anyway:" \
        "$(why_not_ready "$ROUTER_PID" "router-$profile" "http://127.0.0.1:$ROUTER_PORT/q/health/ready")"
    fi
    URL[router]=http://127.0.0.1:$ROUTER_PORT/v1 MODEL[router]=bench WATCH[router]="--watch router=$ROUTER_PID"
    AUTH[router]="--token $ROUTER_TOKEN"
    [ "$profile" != "${PROFILES%% *}" ] || meta router_access "$ROUTER_ACCESS"
  fi

  if [ "$GLOBAL_WARMUP_SECONDS" != 0 ]; then
    for target in $TARGETS; do warm_up "$target"; done
  fi

  for c in $CONCURRENCY; do
    for target in $TARGETS; do
      # shellcheck disable=SC2086
      drive "$profile-$target-c$c" --base-url "${URL[$target]}" --model "${MODEL[$target]}" ${AUTH[$target]} \
        --label "$profile $target c=$c" --concurrency "$c" --duration "${POINT_SECONDS}s" \
        --warmup "${WARMUP_SECONDS}s" "${common[@]}" --watch "sim=$SIM_PID" ${WATCH[$target]} --sample-every 1s
    done
  done

  if [ "$profile" = "$COLD_PROFILE" ] && [[ " $TARGETS " == *" router "* ]] && [ "$COLD_SECONDS" != 0 ]; then
    cold_point "$yaml"
  fi

  if [[ " $TARGETS " == *" router "* ]]; then stop_pid "$ROUTER_PID"; fi
  if [[ " $TARGETS " == *" nginx "* ]]; then stop_pid "$NGINX_PID"; fi
  stop_pid "$SIM_PID"
done
if [[ " $PROFILES " != *" $COLD_PROFILE "* ]]; then
  note "No cold point: it is measured on the $COLD_PROFILE profile, which is not in PROFILES."
fi

# start_to_ready: the README's demo command (java -Dquarkus.profile=demo -jar <jar>, with the AOT cache when there is
# one, ROUTER_JAVA_OPTS, and a free port on 127.0.0.1) timed from launch until /q/health/ready answers 200, polled every
# 10 ms, START_RUNS times, nothing else of the suite running.
start_to_ready() {
  local taken="" p i port t0 t1 pid runs=()
  for p in 8101 8102 8103; do port_listening "$p" && taken="$taken $p"; done
  if [ -n "$taken" ]; then
    note "Start to ready not measured: the demo's simulated servers listen on 8101-8103, and${taken} is taken."
    meta start_to_ready_skipped "the demo's ports${taken} are taken"
    return 0
  fi
  meta start_command "java ${AOT_OPT[*]+${AOT_OPT[*]} }${ROUTER_JAVA_OPTS:+$ROUTER_JAVA_OPTS }-Dquarkus.profile=demo \
-Dquarkus.http.port=<free> -Dquarkus.http.host=127.0.0.1 -jar $ROUTER_JAR"
  for i in $(seq 1 "$START_RUNS"); do
    port=$(free_port)
    t0=${EPOCHREALTIME//[.,]/}
    # shellcheck disable=SC2086
    start_bg "start-$i" java ${AOT_OPT[@]+"${AOT_OPT[@]}"} $ROUTER_JAVA_OPTS -Dquarkus.profile=demo \
      -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 -jar "$ROUTER_JAR"
    pid=$BG_PID
    until http_ok "http://127.0.0.1:$port/q/health/ready"; do
      t1=${EPOCHREALTIME//[.,]/}
      if ! kill -0 "$pid" 2>/dev/null || [ $(( t1 - t0 )) -gt 60000000 ]; then
        note "Start to ready not measured: run $i was not ready within 60 s;" \
          "$(why_not_ready "$pid" "start-$i" "http://127.0.0.1:$port/q/health/ready")"
        meta start_to_ready_failed "run $i did not get ready within 60 s"
        stop_pid "$pid"
        return 0
      fi
      nap 0.01
    done
    t1=${EPOCHREALTIME//[.,]/}
    runs+=("$(( (t1 - t0) / 1000 ))")
    log "start to ready, run $i: ${runs[-1]} ms"
    aot_check "$pid" "start-$i" start_aot_mapped
    stop_pid "$pid"
  done
  meta start_to_ready_ms "${runs[*]}"
}
if [[ " $TARGETS " == *" router "* ]] && [ "$START_RUNS" != 0 ]; then
  start_to_ready
fi

meta finished_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
meta load_average_at_end "$(cut -d' ' -f1-3 /proc/loadavg)"
report "$SUITE"
