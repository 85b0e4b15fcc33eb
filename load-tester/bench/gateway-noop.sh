#!/usr/bin/env bash
# The gateway's own cost, issue #16's fourth target: a no-op route (GET /api/orders/whoami with a token) through the
# gateway against the same call straight to the order service, in one run, with the generator's CPU share beside
# each figure. Also the gateway's own liveness (no proxying) and an anonymous proxied GET /api/clock.
#
# Usage: load-tester/bench/gateway-noop.sh            (a running local stack: ./festival --no-load)
#   WARM=20 SECONDS_PER_RUN=15 CONNECTIONS=32 GATEWAY=http://127.0.0.1:8080 load-tester/bench/gateway-noop.sh
#   RUNS="gateway-whoami gateway-clock" ...   only those runs (ratios are printed where both halves ran)
# Needs wrk (apt-get install wrk). Targets 127.0.0.1 only; every run is bounded by SECONDS_PER_RUN.
set -euo pipefail

WARM=${WARM:-20}
RUN=${SECONDS_PER_RUN:-15}
CONNECTIONS=${CONNECTIONS:-32}
GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
ORDERS=${ORDERS:-http://127.0.0.1:8082}
GMV=${GMV:-http://127.0.0.1:8086}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
TOKEN=$(curl -sf -X POST "$GATEWAY/dev/tokens" -H 'content-type: application/json' \
    -d '{"subject":"bench-noop","role":"SHOPPER"}' | sed -E 's/.*"(token|access_token)":"([^"]+)".*/\2/')
[ -n "$TOKEN" ] || { echo "no dev token from $GATEWAY/dev/tokens (is the local stack running?)" >&2; exit 2; }

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8; exit }' /proc/stat; }
hz=$(getconf CLK_TCK)
cores=$(nproc)

# The process listening on a URL's port (the gateway, or the service called straight).
pid_of() {
    local port; port=$(echo "$1" | sed -E 's#^[a-z]+://[^:/]+:([0-9]+).*#\1#')
    ss -ltnpH "sport = :$port" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1
}

# run NAME URL UPSTREAM [HEADER]: one warm-up, one measured window; prints rate, p50, p99, machine and generator
# share, and the CPU each request cost the process answering URL and the service behind it (the same for a direct
# call), in microseconds: on a shared machine that figure moves less than the rate does.
run() {
    local name=$1 url=$2 upstream=$3 header=${4:-}
    case " ${RUNS:-$name} " in *" $name "*) ;; *) return 0 ;; esac
    local args=(-t2 -c"$CONNECTIONS" --latency)
    [ -n "$header" ] && args+=(-H "$header")
    wrk "${args[@]}" -d"${WARM}s" "$url" >/dev/null
    local out before_busy after_busy front back front_before back_before
    front=$(pid_of "$url"); back=$(pid_of "$upstream")
    before_busy=$(busy); front_before=$(ticks "$front"); back_before=$(ticks "$back")
    out=$(mktemp)
    wrk "${args[@]}" -d"${RUN}s" "$url" >"$out" &
    local pid=$!
    sleep 1
    local gen_before; gen_before=$(ticks "$pid" 2>/dev/null || echo 0)
    local start; start=$(date +%s.%N)
    local gen_after=$gen_before
    while kill -0 "$pid" 2>/dev/null; do gen_after=$(ticks "$pid" 2>/dev/null || echo "$gen_after"); sleep 0.5; done
    wait "$pid"
    local end; end=$(date +%s.%N)
    after_busy=$(busy)
    local front_us back_us requests
    requests=$(awk '/requests in/ { print $1 }' "$out")
    front_us=$(awk -v t=$(( $(ticks "$front") - front_before )) -v n="$requests" -v hz="$hz" 'BEGIN { printf "%.0f", 1e6 * t / hz / n }')
    back_us=$(awk -v t=$(( $(ticks "$back") - back_before )) -v n="$requests" -v hz="$hz" 'BEGIN { printf "%.0f", 1e6 * t / hz / n }')
    local rate p50 p99 non2xx
    rate=$(awk '/Requests\/sec/ { print $2 }' "$out")
    p50=$(awk '$1 == "50%" { print $2 }' "$out")
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    non2xx=$(awk '/Non-2xx/ { print $NF }' "$out"); non2xx=${non2xx:-0}
    awk -v n="$name" -v r="$rate" -v p50="$p50" -v p99="$p99" -v bad="$non2xx" \
        -v busy=$((after_busy - before_busy)) -v gen=$((gen_after - gen_before)) \
        -v secs="$(echo "$end $start" | awk '{ print $1 - $2 }')" -v whole="$RUN" -v hz="$hz" -v cores="$cores" \
        -v fus="$front_us" -v bus="$back_us" \
        'BEGIN { printf "%-18s %6.0f req/s  p50 %8s  p99 %8s  non-2xx %s  machine %3.0f %%  generator %3.0f %%  CPU/request: answering %4d us, service %4d us\n",
                 n, r, p50, p99, bad, 100 * busy / hz / whole / cores, 100 * gen / hz / secs / cores, fus, bus }'
    echo "$rate" >"/tmp/gateway-noop.$name"
    rm -f "$out"
}

rm -f /tmp/gateway-noop.*
echo "wrk -t2 -c$CONNECTIONS, ${WARM}s warm-up, then ${RUN}s measured; $cores cores, everything on them"
run direct-whoami "$ORDERS/api/orders/whoami" "$ORDERS" "Authorization: Bearer $TOKEN"
run gateway-whoami "$GATEWAY/api/orders/whoami" "$ORDERS" "Authorization: Bearer $TOKEN"
run gateway-liveness "$GATEWAY/actuator/health/liveness" "$GATEWAY"
run direct-clock "$GMV/api/clock" "$GMV"
run gateway-clock "$GATEWAY/api/clock" "$GMV"
ratio() {
    [ -f "/tmp/gateway-noop.$1" ] && [ -f "/tmp/gateway-noop.$2" ] || return 0
    awk -v g="$(cat "/tmp/gateway-noop.$1")" -v d="$(cat "/tmp/gateway-noop.$2")" -v n="$1 / $2" \
        'BEGIN { printf "%s: %.2f\n", n, g / d }'
}
ratio gateway-whoami direct-whoami
ratio gateway-clock direct-clock
