#!/usr/bin/env bash
# Flash-sale benchmark: the service in prod mode (java -jar, -Xmx512m) on PostgreSQL and
# Redis on this machine, wrk as the load generator on the same machine. Prints one
# RESULT line per run and a summary with each figure as a ratio to the bare ceiling
# measured in the same run.
#   bench/flash-sale.sh            (DURATION=10 CONNECTIONS=200 by default)
#   RUNS='contention|payment' bench/flash-sale.sh   measures only the runs whose names match
#                                  (an extended regular expression; fill-holds feeds payment)
#   CONTENTION_RATE=6000 bench/flash-sale.sh   paces the fixed-rate contention run at another rate
#   PG_STATS=1 bench/flash-sale.sh writes PostgreSQL's time per statement of each run to
#                                  target/bench/<run>.sql.txt (needs pg_stat_statements preloaded)
#   PROFILE=1 bench/flash-sale.sh  also records a JFR profile of each run (a sample every 2 ms) to target/bench/<run>.jfr
#                                  (summarise with: jfr view hot-methods target/bench/<run>.jfr)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export BENCH_DIR="$ROOT/bench"
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-200}
THREADS=2
PORT=${PORT:-18080}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18081}
DB=bench
OUT="$ROOT/target/bench"
BASE="http://127.0.0.1:$PORT"
JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1)
[ -n "$JAVA" ] || { echo "No JDK 25 under /usr/lib/jvm" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
pg_isready -h 127.0.0.1 -q || { echo "PostgreSQL is not running on 127.0.0.1:5432" >&2; exit 1; }
redis-cli -h 127.0.0.1 ping >/dev/null || { echo "Redis is not running on 127.0.0.1:6379" >&2; exit 1; }

phase() { printf '\n== %s\n' "$*"; }

phase "build"
JAR=$(ls target/concert-booking-*.jar 2>/dev/null | grep -v plain | head -n 1 || true)
if [ -z "$JAR" ] || [ -n "${REBUILD:-}" ]; then ./mvnw -B -q -DskipTests package; fi
JAR=$(ls target/concert-booking-*.jar | grep -v plain | head -n 1)
rm -rf "$OUT" && mkdir -p "$OUT"

phase "fresh database '$DB' and Redis prefix bench:"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
[ -z "${PG_STATS:-}" ] || psql -h 127.0.0.1 -U postgres -d $DB -qc "CREATE EXTENSION pg_stat_statements"
redis-cli -h 127.0.0.1 --scan --pattern 'bench:*' | xargs -r -n 500 redis-cli -h 127.0.0.1 del >/dev/null

export SPRING_PROFILES_ACTIVE=prod
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB?reWriteBatchedInserts=true"
export CONCERT_QUEUE_KEY_PREFIX=bench:
# The prod profile refuses to start without a queue token secret: one per run.
export CONCERT_QUEUE_TOKEN_SECRET=${CONCERT_QUEUE_TOKEN_SECRET:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')}
export CONCERT_CHALLENGE_HMAC_KEY=${CONCERT_CHALLENGE_HMAC_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')}
# ... nor without the key pair ticket codes are signed with: one per run.
export CONCERT_TICKETS_PRIVATE_KEY=${CONCERT_TICKETS_PRIVATE_KEY:-$(openssl genpkey -algorithm ed25519)}
export CONCERT_TICKETS_PUBLIC_KEY=${CONCERT_TICKETS_PUBLIC_KEY:-$(printf '%s\n' "$CONCERT_TICKETS_PRIVATE_KEY" | openssl pkey -pubout)}
export CONCERT_QUEUE_MAX_ACTIVE=1000000
export CONCERT_QUEUE_IDLE_TIMEOUT=30m
export CONCERT_BENCH_BARE_ENDPOINT=true
# SECURITY=oidc (the default): users sign in with access tokens the seed signs with a
# key made for this run, whose public half the service trusts; SECURITY=open: the seed
# system's trust model, for the cost of sign-in (docs/PERFORMANCE.md).
export CONCERT_SECURITY_MODE=${SECURITY:-oidc}
SIGN=()
if [ "$CONCERT_SECURITY_MODE" = oidc ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/sign-in.key" 2>/dev/null
  openssl pkey -in "$OUT/sign-in.key" -pubout -out "$OUT/sign-in.pub"
  export SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$OUT/sign-in.pub"
  SIGN=(--sign-with "$OUT/sign-in.key")
fi
export SERVER_PORT=$PORT
export MANAGEMENT_SERVER_PORT=$MANAGEMENT_PORT

phase "seed: 1,000-seat dates (contention at 200 clients, at 50, at a fixed rate), 50-seat date, 20,000-seat date (payments), warm-up set"
seed() { "$JAVA" -jar "$JAR" seed --concerts 1 --seats-per-date "$2" --rich-users "$3" --poor-users 0 --out "$OUT/$1" "${SIGN[@]}" 2>&1 | grep -E 'Seeded|ERROR' || true; }
seed contention 1000 2000
seed small 50 200
# 5,000 users for 20,000 seats held in turn: each holds 4, the most one user may hold at once.
seed payment 20000 5000
seed warm 20000 5000
seed contention50 1000 2000
seed paced 1000 2000

phase "start the service: java -Xmx512m -jar (prod)"
# Spring MVC's stacks are deep: JFR's default of 64 frames cuts off the callers that say
# which part of a request a sample belongs to.
"$JAVA" -Xmx512m ${PROFILE:+-XX:FlightRecorderOptions:stackdepth=512} -jar "$JAR" > "$OUT/service.log" 2>&1 &
SERVICE=$!
cleanup() { kill "$SERVICE" "${HEAP:-}" 2>/dev/null || true; wait "$SERVICE" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health" >/dev/null
python3 bench/heap.py "http://127.0.0.1:$MANAGEMENT_PORT" > "$OUT/heap.txt" &
HEAP=$!

phase "tokens for every user (all ACTIVE)"
for set in contention small payment warm contention50 paced; do python3 bench/prepare.py "$BASE" "$OUT/$set" "$OUT/$set"; done
source "$OUT/contention.env"; C1=$CONCERT; D1=$DATE
source "$OUT/small.env"; C2=$CONCERT; D2=$DATE
source "$OUT/payment.env"; C3=$CONCERT; D3=$DATE
source "$OUT/warm.env"; CW=$CONCERT; DW=$DATE
source "$OUT/contention50.env"; C4=$CONCERT; D4=$DATE
source "$OUT/paced.env"; C5=$CONCERT; D5=$DATE

JCMD=$(dirname "$JAVA")/jcmd
# Redis script calls so far (queue and seat-claim scripts: every Redis round trip the
# service makes on these paths), to give Redis round trips per request.
redis_scripts() { redis-cli -h 127.0.0.1 info commandstats | sed -n 's/^cmdstat_evalsha:calls=\([0-9]*\),.*/\1/p' | grep . || echo 0; }
# The rate limits' Redis round trips so far, as the service counts them (Redis's own
# command counts also hold the commands its scripts run).
redis_limits() { curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/actuator/metrics/concert.limits.redis.calls" 2>/dev/null \
  | python3 -c 'import json, sys; print(int(json.load(sys.stdin)["measurements"][0]["value"]))' 2>/dev/null || echo 0; }
run() {
  local name=$1 script=$2 url=$3
  local line
  [[ "$name" =~ ^(${RUNS:-.*})$ ]] || [ "$name" = bare ] || return 0
  [ -z "${PROFILE:-}" ] || "$JCMD" "$SERVICE" JFR.start name="$name" settings=profile jdk.ExecutionSample#period=2ms >/dev/null
  [ -z "${PG_STATS:-}" ] || psql -h 127.0.0.1 -U postgres -d $DB -qAtc "SELECT pg_stat_statements_reset()" >/dev/null
  # CPU per process over the first 8/10 of the run: what the two cores were spent on.
  python3 bench/cpu.py "$((DURATION * 8 / 10))" "$SERVICE" > "$OUT/$name.cpu" &
  local scripts_before; scripts_before=$(redis_scripts)
  local limits_before; limits_before=$(redis_limits)
  line=$(wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s -s "bench/wrk/$script" "$url" | grep '^RESULT')
  wait $!
  line="$line $(sed 's/^CPU //; s/\([a-z]*\)=/cpu_\1=/g' "$OUT/$name.cpu") redis_scripts=$(($(redis_scripts) - scripts_before)) redis_limits=$(($(redis_limits) - limits_before))"
  [ -z "${PROFILE:-}" ] || "$JCMD" "$SERVICE" JFR.stop name="$name" filename="$OUT/$name.jfr" >/dev/null
  [ -z "${PG_STATS:-}" ] || psql -h 127.0.0.1 -U postgres -d $DB -c "
    SELECT calls, round(total_exec_time) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
           left(regexp_replace(query, '\s+', ' ', 'g'), 100) AS statement
      FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12" > "$OUT/$name.sql.txt"
  echo "$name $line" | tee -a "$OUT/results.txt"
}

# Writes "reservationId token" for every HELD reservation of a data set's concert, in
# the order they were held: users interleave as they would paying one hold after
# another. (Without the ORDER BY PostgreSQL may return them user by user, and a user's
# five payments in flight at once queue on their wallet row.)
payable() {
  local set=$1 concert=$2
  psql -h 127.0.0.1 -U postgres -d $DB -At -F ' ' \
    -c "SELECT id, user_id FROM reservation WHERE concert_id = '$concert' AND status = 'HELD' ORDER BY held_at, id" \
    > "$OUT/$set.held"
  python3 - "$OUT" "$set" <<'PY'
import sys
out, name = sys.argv[1], sys.argv[2]
tokens = dict(zip(open(f"{out}/{name}.users").read().split(), open(f"{out}/{name}.tokens").read().split()))
with open(f"{out}/{name}.pay", "w") as f:
    for line in open(f"{out}/{name}.held"):
        reservation, user = line.split()
        f.write(f"{reservation} {tokens[user]}\n")
PY
}

# Every measured path once, on its own data set: the JIT compiles the hot code here
# rather than during the measured runs (C2 alone takes most of a core for ~20 s).
phase "warm-up on the warm-up set, every path, not counted"
warm() { wrk -t$THREADS -c$CONNECTIONS -d${WARMUP:-5}s -s "bench/wrk/$1" "$BASE" >/dev/null; }
export BENCH_THREADS=$THREADS
BENCH_TOKENS="$OUT/warm.tokens" BENCH_PATH=/bench/bare warm get.lua
BENCH_TOKENS="$OUT/warm.tokens" BENCH_PATH="/api/v1/concerts/$CW/dates/$DW/seats" warm get.lua
BENCH_TOKENS="$OUT/warm.tokens" BENCH_PATH="/api/v1/queue/concerts/$CW" warm get.lua
BENCH_USERS="$OUT/warm.users" BENCH_ACCESS="$OUT/warm.access" BENCH_CONCERT=$CW warm issue.lua
BENCH_TOKENS="$OUT/warm.tokens" BENCH_SEATS="$OUT/warm.seats" BENCH_CONCERT=$CW BENCH_DATE=$DW BENCH_PICK=next warm hold.lua
BENCH_TOKENS="$OUT/warm.tokens" BENCH_SEATS="$OUT/warm.seats" BENCH_CONCERT=$CW BENCH_DATE=$DW BENCH_PICK=random warm hold.lua
payable warm "$CW"
BENCH_PAYMENTS="$OUT/warm.pay" warm pay.lua

phase "measure"
BENCH_TOKENS="$OUT/small.tokens" BENCH_PATH=/bench/bare run bare get.lua "$BASE"
BENCH_TOKENS="$OUT/contention.tokens" BENCH_PATH="/api/v1/concerts/$C1/dates/$D1/seats" run seats-1000 get.lua "$BASE"
BENCH_TOKENS="$OUT/small.tokens" BENCH_PATH="/api/v1/concerts/$C2/dates/$D2/seats" run seats-50 get.lua "$BASE"
BENCH_TOKENS="$OUT/contention.tokens" BENCH_PATH="/api/v1/queue/concerts/$C1" run queue-status get.lua "$BASE"
BENCH_USERS="$OUT/contention.users" BENCH_ACCESS="$OUT/contention.access" BENCH_CONCERT=$C1 run token-issue issue.lua "$BASE"
BENCH_TOKENS="$OUT/contention.tokens" BENCH_SEATS="$OUT/contention.seats" BENCH_CONCERT=$C1 BENCH_DATE=$D1 \
  BENCH_PICK=random run contention hold.lua "$BASE"
# The same two runs with 50 clients instead of 200: in a closed loop the latency at 200
# is mostly waiting behind the other 199 (Little's law), this shows the time per call.
BENCH_TOKENS="$OUT/contention50.tokens" BENCH_PATH="/api/v1/concerts/$C4/dates/$D4/seats" CONNECTIONS=50 \
  run seats-1000-c50 get.lua "$BASE"
BENCH_TOKENS="$OUT/contention50.tokens" BENCH_SEATS="$OUT/contention50.seats" BENCH_CONCERT=$C4 BENCH_DATE=$D4 \
  BENCH_PICK=random CONNECTIONS=50 run contention-c50 hold.lua "$BASE"
# The issue's rates sent at a fixed pace from 200 clients (BENCH_RATE, see wrk/common.lua):
# the latency of each call when the load arrives at that rate, rather than in a closed
# loop that always keeps 200 requests waiting.
BENCH_TOKENS="$OUT/contention.tokens" BENCH_PATH="/api/v1/concerts/$C1/dates/$D1/seats" BENCH_RATE=5000 \
  run seats-1000-at-5000 get.lua "$BASE"
BENCH_TOKENS="$OUT/paced.tokens" BENCH_SEATS="$OUT/paced.seats" BENCH_CONCERT=$C5 BENCH_DATE=$D5 \
  BENCH_PICK=random BENCH_RATE=${CONTENTION_RATE:-8800} run contention-at-${CONTENTION_RATE:-8800} hold.lua "$BASE"
BENCH_TOKENS="$OUT/payment.tokens" BENCH_SEATS="$OUT/payment.seats" BENCH_CONCERT=$C3 BENCH_DATE=$D3 \
  BENCH_PICK=next run fill-holds hold.lua "$BASE"
payable payment "$C3"
echo "$(wc -l < "$OUT/payment.pay") held reservations to pay"
BENCH_PAYMENTS="$OUT/payment.pay" run payment pay.lua "$BASE"

phase "integrity: the service's own audit (java -jar app.jar audit, this run's settings)"
AUDIT=0
"$JAVA" -jar "$JAR" audit > "$OUT/audit.log" 2>&1 || AUDIT=$?
sed -n '/^| check/,/^AUDIT/p' "$OUT/audit.log" | tee "$OUT/integrity.txt"
[ "$AUDIT" = 0 ] || echo "audit failed (exit $AUDIT, log: $OUT/audit.log)"
# What the benchmark counts beyond the audit: the seats each contention run won (of
# 1,000) against the holds it took, and the payments made.
psql -h 127.0.0.1 -U postgres -d $DB -c "
  SELECT d.run, (SELECT count(*) FROM seat s WHERE s.concert_date_id = d.id AND s.status <> 'AVAILABLE') AS seats_won,
         (SELECT count(*) FROM reservation r WHERE r.concert_date_id = d.id) AS reservations
    FROM (VALUES ('contention', $D1), ('contention-c50', $D4), ('contention-at-rate', $D5)) AS d(run, id)" \
  | tee -a "$OUT/integrity.txt"
psql -h 127.0.0.1 -U postgres -d $DB -Atc "SELECT 'payments: ' || count(*) FROM payment" | tee -a "$OUT/integrity.txt"

kill "$HEAP" 2>/dev/null || true; wait "$HEAP" 2>/dev/null || true
cat "$OUT/heap.txt"

phase "summary (ratios to the bare ceiling of this run)"
python3 - "$OUT/results.txt" <<'PY'
import re, sys
rows = {}
for line in open(sys.argv[1]):
    name, rest = line.split(" ", 1)
    rows[name] = dict(re.findall(r"(\w+)=([^\s]+)", rest))
bare = float(rows["bare"]["rps"]) if "bare" in rows else float("nan")
print(f"{'run':<19}{'req/s':>10}{'x bare':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
      f"  cores: service/postgres/redis/wrk  µs/req  redis/req  limits/req  statuses")
for name, r in rows.items():
    rps = float(r['rps'])
    # Service CPU per request (µs) and Redis round trips per request: less at the mercy
    # of the machine's phase than the rates.
    cpu_us = float(r['cpu_service']) / rps * 1e6
    redis = int(r.get('redis_scripts', 0)) / max(1, int(r['requests']))
    limits = int(r.get('redis_limits', 0)) / max(1, int(r['requests']))
    print(f"{name:<19}{rps:>10.0f}{rps / bare:>8.2f}{float(r['p50_ms']):>9.2f}"
          f"{float(r['p95_ms']):>9.2f}{float(r['p99_ms']):>9.2f}"
          f"  {r['cpu_service']:>7}/{r['cpu_postgres']}/{r['cpu_redis']}/{r['cpu_wrk']}"
          f"  {cpu_us:>6.0f}  {redis:>9.2f}  {limits:>10.3f}  {r['statuses']} errors={r['errors']}")
PY
[ "$AUDIT" = 0 ] || { echo "the audit found violations: see $OUT/audit.log" >&2; exit 1; }
