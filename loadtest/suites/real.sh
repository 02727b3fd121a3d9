# The driver alone against a server given on the command line, e.g.
#   loadtest/run real --base-url http://vllm:8000/v1 --model qwen3-coder --token "$KEY" --concurrency 8
# Defaults (overridden by what is given): 30 s at concurrency 8, no warm-up. Sourced by loadtest/run.

args=" $* "
[[ "$args" == *" --base-url "* || "$args" == *" --base-url="* ]] || die "real needs --base-url URL (and --model NAME)"
[[ "$args" == *" --model "* || "$args" == *" --model="* ]] || die "real needs --model NAME"
meta target "$(printf '%s ' "$@" | sed -E 's/(--token[ =])[^ ]+/\1***/g')"
drive real --label real --duration 30s --concurrency 8 "$@"
meta finished_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
meta load_average_at_end "$(cut -d' ' -f1-3 /proc/loadavg)"
report real
