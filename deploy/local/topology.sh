#!/usr/bin/env bash
# The whole topology on one machine: a Redis Cluster (deploy/local/redis-cluster.sh),
# PostgreSQL with a synchronous standby under Patroni and etcd behind HAProxy
# (deploy/local/postgres-ha.sh), the broker (deploy/local/kafka.sh, where present) and
# three instances of the service behind HAProxy (deploy/local/instances.sh).
#
#   deploy/local/topology.sh start [DIR]
#   deploy/local/topology.sh stop [DIR]
#   deploy/local/topology.sh status [DIR]
#   deploy/local/topology.sh load seed-multi|contention [DIR] [load-tests/run.sh options]
#
# start prints where each part listens; stop ends everything it started (each part's
# script stops only the processes it started, by their ids) and removes DIR. Ports are
# those of each script (REDIS_CLUSTER_BASE_PORT, PG_HA_*, KAFKA_PORT, INSTANCES_*); the
# service's own settings may be given in the environment as for one instance
# (CONCERT_QUEUE_MAX_ACTIVE, ...).
#
# The service's secrets (queue token secret, ticket key pair) and the sign-in key are made
# for the topology at start and kept in DIR/service.env and DIR/sign-in.key (mode 600): the
# instances trust access tokens signed with that key, which the seed command uses to sign
# its users' tokens (load). Set SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI to use a
# real provider instead.
#
# load seeds a data set for seed report 000 (seed-multi) or 002 (contention) into the
# running topology and runs that load test through HAProxy (load-tests/run.sh --url),
# with its audit against the same stores.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
command=${1:-start}
scenario=""
if [ "$command" = load ]; then
  scenario=${2:?"usage: $0 load seed-multi|contention [DIR] [options]"}
  shift
fi
dir=${2:-${TMPDIR:-/tmp}/concert-topology}
shift $(($# < 2 ? $# : 2))
front=${INSTANCES_FRONT_PORT:-8090}
management=${INSTANCES_MANAGEMENT_BASE_PORT:-8094}
redis_base=${REDIS_CLUSTER_BASE_PORT:-7000}
pg_front=${PG_HA_HAPROXY_PORT:-5000}
kafka_port=${KAFKA_PORT:-9092}

kafka() { [ -f "$here/kafka.sh" ]; }

secrets() {
  umask 077
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/sign-in.key" 2>/dev/null
  openssl pkey -in "$dir/sign-in.key" -pubout -out "$dir/sign-in.pub"
  local ticket_key
  ticket_key=$(openssl genpkey -algorithm ed25519)
  {
    echo "SPRING_PROFILES_ACTIVE=prod"
    echo "SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$pg_front/postgres?reWriteBatchedInserts=true"
    echo "SPRING_DATASOURCE_USERNAME=postgres"
    echo "SPRING_DATA_REDIS_CLUSTER_NODES=$(seq -s, -f "127.0.0.1:%g" "$redis_base" $((redis_base + 5)))"
    echo "CONCERT_QUEUE_TOKEN_SECRET=$(openssl rand -base64 32)"
    echo "CONCERT_CHALLENGE_HMAC_KEY=$(openssl rand -base64 32)"
    printf 'CONCERT_TICKETS_PRIVATE_KEY=%q\n' "$ticket_key"
    printf 'CONCERT_TICKETS_PUBLIC_KEY=%q\n' "$(printf '%s\n' "$ticket_key" | openssl pkey -pubout)"
    if [ -z "${SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI:-}" ]; then
      echo "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION=file:$dir/sign-in.pub"
    fi
    if kafka; then
      echo "SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$kafka_port"
      echo "SPRING_MODULITH_EVENTS_EXTERNALIZATION_ENABLED=true"
    fi
  } >"$dir/service.env"
  umask 022
}

load_env() { set -a; source "$dir/service.env"; set +a; }

start() {
  if [ -e "$dir/service.env" ]; then
    echo "$dir holds a topology already: $0 stop $dir first" >&2
    exit 1
  fi
  mkdir -p "$dir"
  # Whatever fails half-way, what was started is stopped again.
  trap 'echo "start failed: stopping what was started" >&2; stop' ERR
  echo "== Redis Cluster"
  "$here/redis-cluster.sh" start "$dir/redis-cluster"
  echo "== PostgreSQL: Patroni, etcd, HAProxy"
  "$here/postgres-ha.sh" start "$dir/postgres"
  if kafka; then
    echo "== Broker"
    "$here/kafka.sh" start "$dir/kafka"
  else
    echo "== Broker: no deploy/local/kafka.sh in this checkout, none started"
  fi
  echo "== Three instances behind HAProxy"
  secrets
  (load_env && "$here/instances.sh" start "$dir/instances")
  trap - ERR
  echo
  echo "The service: http://127.0.0.1:$front (HAProxy; access tokens signed with $dir/sign-in.key)"
}

stop() {
  [ -d "$dir/instances" ] && "$here/instances.sh" stop "$dir/instances" || true
  if kafka && [ -d "$dir/kafka" ]; then "$here/kafka.sh" stop "$dir/kafka" || true; fi
  [ -d "$dir/postgres" ] && "$here/postgres-ha.sh" stop "$dir/postgres" || true
  [ -d "$dir/redis-cluster" ] && "$here/redis-cluster.sh" stop "$dir/redis-cluster" || true
  rm -rf "$dir"
}

status() {
  echo "== Redis Cluster"
  "$here/redis-cluster.sh" status "$dir/redis-cluster" || true
  echo "== PostgreSQL"
  "$here/postgres-ha.sh" status "$dir/postgres" || true
  if kafka && [ -d "$dir/kafka" ]; then
    echo "== Broker"
    "$here/kafka.sh" status "$dir/kafka" || true
  fi
  echo "== Instances"
  "$here/instances.sh" status "$dir/instances" || true
}

load() {
  [ -f "$dir/service.env" ] || { echo "no topology in $dir: $0 start $dir first" >&2; exit 2; }
  load_env
  local jar java seed_dir="$dir/seed-$scenario-$(date +%H%M%S)"
  jar=${APP_JAR:-$(ls "$root"/target/concert-booking-*.jar | grep -v plain | head -n 1)}
  java=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1)}
  local seed_args
  case "$scenario" in
    seed-multi) seed_args=(--concerts 1 --dates-per-concert 5 --seats-per-date 1000 --rich-users 2000 --poor-users 1000) ;;
    contention) seed_args=(--concerts 1 --dates-per-concert 1 --seats-per-date 1000 --rich-users 5000 --poor-users 0) ;;
    *) echo "load seed-multi|contention, not $scenario" >&2; exit 2 ;;
  esac
  echo "== seeding ${seed_args[*]} into the topology"
  "${java:-java}" -jar "$jar" seed "${seed_args[@]}" --sign-with "$dir/sign-in.key" --out "$seed_dir" \
    >"$seed_dir.log" 2>&1 || { tail -n 20 "$seed_dir.log" >&2; exit 2; }
  # The line's cap the audit checks is the instances' own.
  "$root/load-tests/run.sh" "$scenario" --url "http://127.0.0.1:$front" --seed-dir "$seed_dir" \
    --management-url "http://127.0.0.1:$management" --max-active "${CONCERT_QUEUE_MAX_ACTIVE:-100}" "$@"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  load) load "$@" ;;
  *) echo "usage: $0 start|stop|status [DIR] | load seed-multi|contention [DIR] [options]" >&2; exit 2 ;;
esac
