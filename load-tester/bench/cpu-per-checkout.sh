#!/usr/bin/env bash
# CPU per confirmed checkout, per process and summed: reads each process's CPU time (utime + stime from /proc)
# before and after a steady load-tester run against the running local stack, and the number of checkouts the
# orders database records as confirmed in between (read from the database, not the lagging /totals). The load generator is reported on its own line, outside the platform's sum.
#   load-tester/bench/cpu-per-checkout.sh RATE MINUTES     e.g. 20 1 (needs ./festival --no-load running)
#   IDLE=30 load-tester/bench/cpu-per-checkout.sh idle      the quiet stack's share of the cores over 30 s
set -euo pipefail
cd "$(dirname "$0")/../.."
HZ=$(getconf CLK_TCK)
CORES=$(nproc)

# name=pid for the platform's processes: the seven JVMs by their module, the launcher JVM (it runs Kafka), PostgreSQL.
processes() {
  for pid in $(pgrep -f 'java' || true); do
    cmd=$(tr '\0' ' ' < /proc/$pid/cmdline 2>/dev/null || true)
    for m in gateway catalog-service order-service coupon-service livestream-service logistics-service gmv-counter-service; do
      if [[ "$cmd" == *"/$m"* && "$cmd" != *load-tester* ]]; then echo "$m=$pid"; continue 2; fi
    done
    [[ "$cmd" == *local-launcher* ]] && echo "kafka+launcher=$pid"
  done
  for pid in $(pgrep -x postgres || true); do echo "postgres=$pid"; done
}

# Ticks per name: utime + stime of the process and its waited-for children (fields 14-17).
ticks() {
  declare -A sum=()
  while IFS='=' read -r name pid; do
    stat=$(cat /proc/$pid/stat 2>/dev/null) || continue
    fields=(${stat##*) })
    sum[$name]=$(( ${sum[$name]:-0} + fields[11] + fields[12] + fields[13] + fields[14] ))
  done < <(processes)
  for k in "${!sum[@]}"; do echo "$k ${sum[$k]}"; done | sort
}

# The order service's confirmed orders, straight from the service (the gateway may be shedding or saturated).
confirmed() {
  # Read from the orders database itself: the order service's /totals lags by seconds at saturation, which once made
  # a window count 480 confirmations where the verdict found 598.
  local n
  n=$(psql -h 127.0.0.1 -p "${PGPORT:-15432}" -U postgres -d orders -Atc "select count(*) from checkouts where state = 'CONFIRMED'" 2>/dev/null)
  echo "${n:-0}"
}

# Work done so far, platform-wide: commits and rows written in every service database, WAL bytes, and records the
# services' outboxes published to Kafka (Kafka Streams' own records are not in it).
work() {
  local db kafka
  db=$(PGPASSWORD=orders psql -h 127.0.0.1 -p "${PGPORT:-15432}" -U orders -d orders -Atc "select sum(xact_commit),
      sum(tup_inserted + tup_updated + tup_deleted), pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint
      from pg_stat_database where datname not in ('postgres', 'template0', 'template1')" 2>/dev/null || echo "0|0|0")
  kafka=0
  for port in 8081 8082 8083 8084 8085 8086; do
    n=$(curl -s -m 3 "localhost:$port/actuator/prometheus" | sed -n 's/^festival_outbox_relayed_total{[^}]*} \([0-9]*\).*/\1/p')
    kafka=$(( kafka + ${n:-0} ))
  done
  echo "${db//|/ } $kafka"
}

# Commits per service database, "name commits" lines, to see where the commits of a checkout are spent.
commits_by_database() {
  PGPASSWORD=orders psql -h 127.0.0.1 -p "${PGPORT:-15432}" -U orders -d orders -Atc "select datname, xact_commit
      from pg_stat_database where datname not in ('postgres', 'template0', 'template1') order by datname" \
      2>/dev/null | tr '|' ' ' || true
}

# As the superuser (local trust): pg_stat_statements is on in the launcher's kept cluster, reset at the window's start.
superuser() { psql -h 127.0.0.1 -p "${PGPORT:-15432}" -U postgres -d postgres -Atc "$1" 2>/dev/null || true; }
wal_fsyncs() { superuser "select coalesce(sum(fsyncs), 0) from pg_stat_io where object = 'wal'"; }
statements_by_database() {
  superuser "select d.datname, sum(s.calls) from pg_stat_statements s join pg_database d on d.oid = s.dbid
      group by 1 order by 1" | tr '|' ' '
}
top_statements() {
  superuser "select s.calls, d.datname, left(regexp_replace(s.query, '\s+', ' ', 'g'), 110) from pg_stat_statements s
      join pg_database d on d.oid = s.dbid order by s.calls desc limit ${TOP:-25}"
}

if [ "${1:-}" = idle ]; then
  seconds=${IDLE:-30}
  before=$(ticks); t0=$(date +%s.%N); sleep "$seconds"; after=$(ticks); t1=$(date +%s.%N)
  wall=$(echo "$t1 - $t0" | bc -l)
  join <(echo "$before") <(echo "$after") | awk -v hz="$HZ" -v wall="$wall" -v cores="$CORES" '
    { cpu = ($3 - $2) / hz; total += cpu; printf "| %s | %.2f s | %.1f %% of the cores |\n", $1, cpu, 100 * cpu / (wall * cores) }
    END { printf "| **quiet stack, all** | %.2f s in %.0f s | **%.1f %% of the cores** |\n", total, wall, 100 * total / (wall * cores) }'
  exit 0
fi

rate=${1:?rate}; minutes=${2:?minutes}
out=$(mktemp -d)
# DAY overrides the command, e.g. DAY="java -jar load-tester/target/load-tester.jar day" to skip ./festival's rebuild check.
${DAY:-./festival day} --steady "$rate" --minutes "$minutes" --results "$out" > "$out/run.log" 2>&1 &
run=$!
# Count only the load itself: from Gatling's start to the end of the steady window (plus 2 s for the last sagas),
# not the tester's set-up or the verdict's reads afterwards.
until grep -q "Simulation .* started" "$out/run.log" 2>/dev/null; do sleep 0.2; kill -0 $run 2>/dev/null || break; done
superuser "select pg_stat_statements_reset()" > /dev/null
before=$(ticks); c0=$(confirmed); w0=$(work); d0=$(commits_by_database); f0=$(wal_fsyncs); t0=$(date +%T)
# The window ends when Gatling's last user is done (every checkout answered, so its saga has settled), at most 2 s
# after the load: right after it the verdict reads every checkout back through the gateway, and until 2026-12-07 up
# to 2 s of those reads fell inside the window (about 0.7 extra requests per checkout at 36/s).
deadline=$(( $(date +%s%N) + $(echo "($minutes * 60 + 2) * 1000000000 / 1" | bc) ))
until grep -qE "waiting: +0 / active: +0 " "$out/run.log" 2>/dev/null || [ "$(date +%s%N)" -ge "$deadline" ]; do
  sleep 0.1
done
after=$(ticks); c1=$(confirmed); w1=$(work); d1=$(commits_by_database); f1=$(wal_fsyncs); t1=$(date +%T)
statements=$(statements_by_database); top=$(top_statements)
wait $run || true
n=$(( c1 - c0 ))
echo "Confirmed checkouts in the load window: $n ($c0 at $t0, $c1 at $t1; steady $rate/s for $minutes min); summary: $out/summary.md"
join <(echo "$before") <(echo "$after") | awk -v hz="$HZ" -v n="$n" '
  { cpu = ($3 - $2) / hz; total += cpu; printf "| %s | %.1f s | %.2f ms |\n", $1, cpu, 1000 * cpu / (n > 0 ? n : 1) }
  END { printf "| **platform, all processes** | %.1f s | **%.2f ms per confirmed checkout** |\n", total, 1000 * total / (n > 0 ? n : 1) }'
echo "$w0 $w1" | awk -v n="$n" '{ n = (n > 0 ? n : 1)
  printf "Per confirmed checkout, all services: %.1f database commits, %.1f rows written, %.1f KiB of WAL, %.1f outbox records to Kafka\n",
    ($5 - $1) / n, ($6 - $2) / n, ($7 - $3) / n / 1024, ($8 - $4) / n }'
join <(echo "$d0") <(echo "$d1") | awk -v n="$n" '{ n = (n > 0 ? n : 1); line = line sprintf("%s %.1f, ", $1, ($3 - $2) / n) }
  END { sub(/, $/, "", line); print "Commits per confirmed checkout by database: " line }'
echo "$statements" | awk -v n="$n" '{ n = (n > 0 ? n : 1); total += $2; line = line sprintf("%s %.1f, ", $1, $2 / n) }
  END { sub(/, $/, "", line); printf "SQL statements per confirmed checkout: %.1f (%s); WAL flushes: %.1f\n", total / n, line, ('"${f1:-0} - ${f0:-0}"') / n }'
echo "Most frequent statements in the window (calls per confirmed checkout, database, statement):"
echo "$top" | awk -F'|' -v n="$n" '$1 != "" { n = (n > 0 ? n : 1); printf "  %6.2f  %-10s %s\n", $1 / n, $2, $3 }'
grep -E "load generator|Checkouts:|Offered|Throughput|^\| checkout |Verdict|cancelled because" "$out/summary.md" || tail -20 "$out/run.log"
