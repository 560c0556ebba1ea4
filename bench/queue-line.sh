#!/usr/bin/env bash
# One concert's line of a million (issue 26, docs/SCALING.md): a Redis of its own, two
# instances (prod mode, java -Xmx512m -jar) on PostgreSQL, LINE fans in one concert's line
# and FANS of them alive: they join through HTTP in an opening burst behind the rest, then
# poll every 5 s for POLL_SECONDS, then STREAMS status streams open on one instance.
# Prints Redis commands/s and CPU (INFO commandstats/cpu deltas: commands scripts run
# count), Redis bytes per waiting fan, and the instances' server p95 of join and status.
#   bench/queue-line.sh                       (LINE=1000000 FANS=20000 POLL_SECONDS=60 STREAMS=20000)
#   LINE=100000 FANS=5000 STREAMS=2000 bench/queue-line.sh   a shorter run
#   HEAP=2g STREAM_STEPS=1000,10000 STREAMS=18000 FANS=9000 ...  more streams than 512 MB
#                                             hold, to measure what each holds
#   STREAM_KIND=ws ...                        the status channels as WebSockets (/live, the
#                                             token sent first) instead of event streams
# The LINE - FANS silent fans go in just before the burst through a bulk path of the
# benchmark's own (bench/queue-seed.lua: the keys the service's enter op writes, 10,000 per
# call), not the service: a million joins through HTTP would take this machine most of an
# hour. Bounded:
# every phase has a fixed length; it stops the Redis and instances it started and drops
# its database whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LINE=${LINE:-1000000}
FANS=${FANS:-20000}
POLL_SECONDS=${POLL_SECONDS:-60}
STREAMS=${STREAMS:-20000}
# Streams are opened in steps up to STREAMS, memory measured at each (and with none open).
STREAM_STEPS=${STREAM_STEPS:-1000}
# sse: event streams (/stream); ws: WebSockets (/live).
STREAM_KIND=${STREAM_KIND:-sse}
case "$STREAM_KIND" in sse|ws) ;; *) echo "STREAM_KIND is sse or ws" >&2; exit 1 ;; esac
# The instances' -Xmx: the issue's 512m, or more to see what many streams hold.
HEAP=${HEAP:-512m}
REDIS_PORT=${REDIS_PORT:-6400}
APP_PORTS=(${APP_PORTS:-8180 8181})
MANAGEMENT_PORTS=(${MANAGEMENT_PORTS:-8182 8183})
DB=${DB:-queueline}
PREFIX=qbench:
OUT="$ROOT/target/bench-queue-line"
JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1)
[ -n "$JAVA" ] || { echo "No JDK 25 under /usr/lib/jvm" >&2; exit 1; }
pg_isready -h 127.0.0.1 -q || { echo "PostgreSQL is not running on 127.0.0.1:5432" >&2; exit 1; }
! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || { echo "port $REDIS_PORT already answers; REDIS_PORT=..." >&2; exit 1; }
# 20,000 streams are 20,000 sockets in the instance and in the client.
ulimit -n 65536 2>/dev/null || echo "could not raise the open-files limit above $(ulimit -n): fewer streams will open" >&2

phase() { printf '\n== %s\n' "$*"; }

phase "build"
JAR=$(ls target/concert-booking-*.jar 2>/dev/null | grep -v plain | head -n 1 || true)
if [ -z "$JAR" ] || [ -n "${REBUILD:-}" ]; then ./mvnw -B -q -DskipTests package; fi
JAR=$(ls target/concert-booking-*.jar | grep -v plain | head -n 1)
rm -rf "$OUT" && mkdir -p "$OUT"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
}
trap cleanup EXIT

phase "Redis of its own on $REDIS_PORT (no persistence), database '$DB'"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --dir "$OUT" --pidfile "$OUT/redis.pid" --logfile "$OUT/redis.log" --maxclients 1000
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

export SPRING_PROFILES_ACTIVE=prod
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB?reWriteBatchedInserts=true"
export SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=$REDIS_PORT
export CONCERT_QUEUE_KEY_PREFIX=$PREFIX
export CONCERT_QUEUE_TOKEN_SECRET=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
export CONCERT_CHALLENGE_HMAC_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
export CONCERT_TICKETS_PRIVATE_KEY=$(openssl genpkey -algorithm ed25519)
export CONCERT_TICKETS_PUBLIC_KEY=$(printf '%s\n' "$CONCERT_TICKETS_PRIVATE_KEY" | openssl pkey -pubout)
# Open security: the seed system's trust model (path user ids believed), so joins need no
# sign-in; what a waiting fan costs is the same either way.
export CONCERT_SECURITY_MODE=open
# The line stands still while it is measured: the first 100 are admitted and keep their
# slots, the rest wait out the run (a moving line's admissions are the Redis step they
# always were, and counted apart in docs/SCALING.md).
GRACE_MS=1800000
PRESENCE_MS=5000
export CONCERT_QUEUE_WAITING_GRACE=30m CONCERT_QUEUE_IDLE_TIMEOUT=30m CONCERT_QUEUE_IDLE_TIMEOUT_WHILE_WAITING=30m
export CONCERT_QUEUE_PRESENCE=5s
# Streams from one address, all on one instance: the per-address and per-instance caps
# (4,000) are what a deployment tunes to its Tomcat; here they are off and Tomcat takes more.
export CONCERT_QUEUE_MAX_STREAMS_PER_ADDRESS=0 CONCERT_QUEUE_MAX_STREAMS_PER_INSTANCE=0 CONCERT_QUEUE_MAX_STREAMS_PER_USER=0
export CONCERT_QUEUE_MAX_STREAMS_PER_TOKEN=0
export SERVER_TOMCAT_MAX_CONNECTIONS=30000

phase "seed: one concert, $FANS users"
"$JAVA" -jar "$JAR" seed --concerts 1 --seats-per-date 100 --rich-users "$FANS" --poor-users 0 --out "$OUT/seed" 2>&1 \
  | grep -E 'Seeded|ERROR' || true
CONCERT=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["concert"][0]["id"])' "$OUT/seed/test-concertId.json")
python3 - "$OUT/seed/test-userId-v2.json" > "$OUT/users.txt" <<'PY'
import json, sys
users = json.load(open(sys.argv[1]))
print("\n".join(u["id"] for u in users["rich_users"] + users["poor_users"]))
PY

phase "two instances: java -Xmx$HEAP -jar (prod) on ${APP_PORTS[*]}"
for i in 0 1; do
  SERVER_PORT=${APP_PORTS[$i]} MANAGEMENT_SERVER_PORT=${MANAGEMENT_PORTS[$i]} \
    "$JAVA" -Xmx"$HEAP" -jar "$JAR" > "$OUT/instance-$i.log" 2>&1 &
  PIDS+=($!)
done
for i in 0 1; do
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:${MANAGEMENT_PORTS[$i]}/actuator/health" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "http://127.0.0.1:${MANAGEMENT_PORTS[$i]}/actuator/health" >/dev/null
done

phase "drive: $FANS fans join, poll every 5 s for ${POLL_SECONDS} s, then $STREAMS streams ($STREAM_KIND)"
./mvnw -B -q test -Pbenchmark -Dtest=QueueLineBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dqueue.line.apps="http://127.0.0.1:${APP_PORTS[0]},http://127.0.0.1:${APP_PORTS[1]}" \
  -Dqueue.line.management="http://127.0.0.1:${MANAGEMENT_PORTS[0]},http://127.0.0.1:${MANAGEMENT_PORTS[1]}" \
  -Dqueue.line.concert="$CONCERT" -Dqueue.line.users="$OUT/users.txt" -Dqueue.line.redis-port="$REDIS_PORT" \
  -Dqueue.line.prefix="$PREFIX" -Dqueue.line.poll-seconds="$POLL_SECONDS" -Dqueue.line.streams="$STREAMS" -Dqueue.line.stream-steps="$STREAM_STEPS" -Dqueue.line.stream-kind="$STREAM_KIND" \
  -Dqueue.line.silent=$((LINE - FANS)) -Dqueue.line.seed-script="$ROOT/bench/queue-seed.lua" \
  -Dqueue.line.grace-ms=$GRACE_MS -Dqueue.line.presence-ms=$PRESENCE_MS \
  -Dqueue.line.pid="${PIDS[0]}" -Dqueue.line.out="$OUT" 2>&1 | sed -n '/^SEEDED\|^QUEUE LINE/,/^server p95/p' | tee -a "$OUT/results.txt"
echo "(2 shared cores: the two instances, Redis, this driver and other builds on one machine)"
