#!/usr/bin/env bash
# One instance against three behind HAProxy, and one Redis against a Redis Cluster, in one
# session: three instances (deploy/local/instances.sh) run on the single Redis, then on a
# Redis Cluster of the script's own (deploy/local/redis-cluster.sh); in each, every path is
# measured once straight at the first instance and once through HAProxy, each on a data set
# of its own, with wrk (-t2 -c200, DURATION s). Prints one RESULT line per run and ratios:
# to the bare GET of the same target, three/one, cluster/single.
#   bench/balanced.sh      (DURATION=10 CONNECTIONS=200; ports INSTANCES_*, REDIS_CLUSTER_BASE_PORT [7200];
#                          APP_JAR: the jar to measure [target/concert-booking-*.jar])
# On one machine the three instances share its cores with each other, PostgreSQL, Redis and
# wrk: the ratios say what HAProxy and two more JVMs cost there, not what three machines give.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export BENCH_DIR="$ROOT/bench"
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-200}
THREADS=2
DB=bench_balanced
OUT="$ROOT/target/bench-balanced"
FRONT=${INSTANCES_FRONT_PORT:-8090}
ONE=${INSTANCES_BASE_PORT:-8091}
export REDIS_CLUSTER_BASE_PORT=${REDIS_CLUSTER_BASE_PORT:-7200}
JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1)
[ -n "$JAVA" ] || { echo "No JDK 25 under /usr/lib/jvm" >&2; exit 1; }
export JAVA
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
pg_isready -h 127.0.0.1 -q || { echo "PostgreSQL is not running on 127.0.0.1:5432" >&2; exit 1; }
redis-cli -h 127.0.0.1 ping >/dev/null || { echo "Redis is not running on 127.0.0.1:6379" >&2; exit 1; }

phase() { printf '\n== [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

JAR=${APP_JAR:-$(ls target/concert-booking-*.jar 2>/dev/null | grep -v plain | head -n 1 || true)}
if [ -z "$JAR" ] || [ -n "${REBUILD:-}" ]; then ./mvnw -B -q -DskipTests package; fi
export APP_JAR
APP_JAR=${APP_JAR:-$(ls "$ROOT"/target/concert-booking-*.jar | grep -v plain | head -n 1)}
rm -rf "$OUT" && mkdir -p "$OUT"

phase "fresh database '$DB' and Redis prefix benchlb:"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
redis-cli -h 127.0.0.1 --scan --pattern 'benchlb:*' | xargs -r -n 500 redis-cli -h 127.0.0.1 del >/dev/null

export SPRING_PROFILES_ACTIVE=prod
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB?reWriteBatchedInserts=true"
export CONCERT_QUEUE_KEY_PREFIX=benchlb:
export CONCERT_QUEUE_TOKEN_SECRET CONCERT_CHALLENGE_HMAC_KEY
CONCERT_QUEUE_TOKEN_SECRET=$(openssl rand -base64 32)
CONCERT_CHALLENGE_HMAC_KEY=$(openssl rand -base64 32)
export CONCERT_TICKETS_PRIVATE_KEY CONCERT_TICKETS_PUBLIC_KEY
CONCERT_TICKETS_PRIVATE_KEY=$(openssl genpkey -algorithm ed25519)
CONCERT_TICKETS_PUBLIC_KEY=$(printf '%s\n' "$CONCERT_TICKETS_PRIVATE_KEY" | openssl pkey -pubout)
export CONCERT_QUEUE_MAX_ACTIVE=1000000
export CONCERT_QUEUE_IDLE_TIMEOUT=30m
export CONCERT_BENCH_BARE_ENDPOINT=true
# Every wrk client comes from HAProxy's (or loopback's) address: the per-address limits
# would measure themselves.
export CONCERT_LIMITS_ENABLED=false
# Three instances with the default pool (20) hold 60 connections of a PostgreSQL that other
# work on the machine shares: 8 each (BENCH_POOL).
export SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE=${BENCH_POOL:-8}
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/sign-in.key" 2>/dev/null
openssl pkey -in "$OUT/sign-in.key" -pubout -out "$OUT/sign-in.pub"
export SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$OUT/sign-in.pub"

phase "seed: six concerts with a 1,000-seat date, one for each (Redis, target) and a warm-up per Redis; 2,000 users"
"$JAVA" -jar "$APP_JAR" seed --concerts 6 --seats-per-date 1000 --rich-users 2000 --poor-users 0 \
  --out "$OUT/seed" --sign-with "$OUT/sign-in.key" > "$OUT/seed.log" 2>&1 || { tail -n 20 "$OUT/seed.log" >&2; exit 1; }
# One folder per data set, as bench/prepare.py reads them: the set's concert and every user.
i=0
for set in single-one single-three single-warm cluster-one cluster-three cluster-warm; do
  mkdir -p "$OUT/$set"
  cp "$OUT/seed"/test-userId-v2.json "$OUT/seed"/test-accessTokens.json "$OUT/$set/"
  python3 -c 'import json, sys; c = json.load(open(sys.argv[1])); json.dump({"concert": [c["concert"][int(sys.argv[2])]]}, open(sys.argv[3], "w"))' \
    "$OUT/seed/test-concertId.json" "$i" "$OUT/$set/test-concertId.json"
  i=$((i + 1))
done

run() { # name script url
  local name=$1 script=$2 url=$3 line
  line=$(BENCH_THREADS=$THREADS wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s -s "bench/wrk/$script" "$url" | grep '^RESULT')
  echo "$name $line" | tee -a "$OUT/results.txt"
}

measure() { # redis: single|cluster
  local redis=$1 set url target
  phase "$redis Redis: three instances behind HAProxy"
  deploy/local/instances.sh start "$OUT/instances-$redis"
  for set in one three warm; do python3 bench/prepare.py "http://127.0.0.1:$FRONT" "$OUT/$redis-$set" "$OUT/$redis-$set"; done
  phase "$redis Redis: warm-up through HAProxy (every instance, every path), not counted"
  source "$OUT/$redis-warm.env"
  for path in /bench/bare "/api/v1/concerts/$CONCERT/dates/$DATE/seats" "/api/v1/queue/concerts/$CONCERT"; do
    BENCH_THREADS=$THREADS BENCH_TOKENS="$OUT/$redis-warm.tokens" BENCH_PATH=$path \
      wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/wrk/get.lua "http://127.0.0.1:$FRONT" >/dev/null
  done
  BENCH_THREADS=$THREADS BENCH_TOKENS="$OUT/$redis-warm.tokens" BENCH_SEATS="$OUT/$redis-warm.seats" \
    BENCH_CONCERT=$CONCERT BENCH_DATE=$DATE BENCH_PICK=random \
    wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/wrk/hold.lua "http://127.0.0.1:$FRONT" >/dev/null
  phase "$redis Redis: measure, one instance straight, then three through HAProxy"
  for target in one three; do
    if [ "$target" = one ]; then url="http://127.0.0.1:$ONE"; else url="http://127.0.0.1:$FRONT"; fi
    source "$OUT/$redis-$target.env"
    BENCH_TOKENS="$OUT/$redis-$target.tokens" BENCH_PATH=/bench/bare run "$redis-$target-bare" get.lua "$url"
    BENCH_TOKENS="$OUT/$redis-$target.tokens" BENCH_PATH="/api/v1/concerts/$CONCERT/dates/$DATE/seats" \
      run "$redis-$target-seats-1000" get.lua "$url"
    BENCH_TOKENS="$OUT/$redis-$target.tokens" BENCH_PATH="/api/v1/queue/concerts/$CONCERT" \
      run "$redis-$target-queue-status" get.lua "$url"
    BENCH_TOKENS="$OUT/$redis-$target.tokens" BENCH_SEATS="$OUT/$redis-$target.seats" BENCH_CONCERT=$CONCERT \
      BENCH_DATE=$DATE BENCH_PICK=random run "$redis-$target-contention" hold.lua "$url"
  done
  phase "$redis Redis: the service's audit"
  "$JAVA" -jar "$APP_JAR" audit > "$OUT/audit-$redis.log" 2>&1 || echo "audit failed: $OUT/audit-$redis.log"
  sed -n '/^AUDIT/p' "$OUT/audit-$redis.log"
  deploy/local/instances.sh stop "$OUT/instances-$redis"
}

cluster_dir="$OUT/redis-cluster"
cleanup() {
  for redis in single cluster; do
    [ -d "$OUT/instances-$redis" ] && deploy/local/instances.sh stop "$OUT/instances-$redis" || true
  done
  [ -d "$cluster_dir" ] && deploy/local/redis-cluster.sh stop "$cluster_dir" || true
}
trap cleanup EXIT

export SPRING_DATA_REDIS_HOST=127.0.0.1
measure single
unset SPRING_DATA_REDIS_HOST
phase "a Redis Cluster of three masters and three replicas"
deploy/local/redis-cluster.sh start "$cluster_dir"
export SPRING_DATA_REDIS_CLUSTER_NODES
SPRING_DATA_REDIS_CLUSTER_NODES=$(seq -s, -f "127.0.0.1:%g" "$REDIS_CLUSTER_BASE_PORT" $((REDIS_CLUSTER_BASE_PORT + 5)))
measure cluster

phase "summary"
python3 - "$OUT/results.txt" <<'PY'
import re, sys
rows = {}
for line in open(sys.argv[1]):
    name, rest = line.split(" ", 1)
    rows[name] = dict(re.findall(r"(\w+)=([^\s]+)", rest))
def rps(name):
    return float(rows[name]["rps"]) if name in rows else float("nan")
print(f"{'run':<30}{'req/s':>9}{'x bare':>8}{'p50 ms':>9}{'p95 ms':>9}  statuses")
for name, r in rows.items():
    redis, target, path = name.split("-", 2)
    print(f"{name:<30}{rps(name):>9.0f}{rps(name) / rps(f'{redis}-{target}-bare'):>8.2f}"
          f"{float(r['p50_ms']):>9.2f}{float(r['p95_ms']):>9.2f}  {r['statuses']} errors={r['errors']}")
print()
print(f"{'path':<16}{'three/one single':>18}{'three/one cluster':>19}{'cluster/single one':>20}{'cluster/single three':>22}")
for path in ("bare", "seats-1000", "queue-status", "contention"):
    print(f"{path:<16}{rps(f'single-three-{path}') / rps(f'single-one-{path}'):>18.2f}"
          f"{rps(f'cluster-three-{path}') / rps(f'cluster-one-{path}'):>19.2f}"
          f"{rps(f'cluster-one-{path}') / rps(f'single-one-{path}'):>20.2f}"
          f"{rps(f'cluster-three-{path}') / rps(f'single-three-{path}'):>22.2f}")
PY
