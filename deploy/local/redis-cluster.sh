#!/usr/bin/env bash
# A Redis Cluster of three masters and three replicas on loopback, for the cluster
# tests and for trying the service on a cluster on one machine.
#
#   deploy/local/redis-cluster.sh start [DIR]   # ports 7000-7005 (REDIS_CLUSTER_BASE_PORT)
#   deploy/local/redis-cluster.sh stop [DIR]
#   deploy/local/redis-cluster.sh status [DIR]
#
# Each node keeps its files in DIR (default: a folder under the system's temporary
# folder), appends every write (appendonly yes) and keeps serving the slots it has when
# another master is down (cluster-require-full-coverage no). stop ends only the nodes
# this script started, by the process ids it wrote.
set -euo pipefail

command=${1:-start}
dir=${2:-${TMPDIR:-/tmp}/concert-redis-cluster}
base=${REDIS_CLUSTER_BASE_PORT:-7000}
ports=$(seq "$base" $((base + 5)))

start() {
  mkdir -p "$dir"
  for port in $ports; do
    if redis-cli -p "$port" ping >/dev/null 2>&1; then
      echo "port $port already answers; stop it first" >&2
      exit 1
    fi
    mkdir -p "$dir/$port"
    redis-server --port "$port" --bind 127.0.0.1 --daemonize yes \
      --dir "$dir/$port" --pidfile "$dir/$port/redis.pid" --logfile "$dir/$port/redis.log" \
      --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 2000 \
      --cluster-require-full-coverage no --cluster-replica-validity-factor 0 \
      --appendonly yes --appendfsync everysec --save ""
  done
  for port in $ports; do
    for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  done
  local nodes=()
  for port in $ports; do nodes+=("127.0.0.1:$port"); done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >"$dir/create.log"
  for _ in $(seq 1 100); do
    if redis-cli -p "$base" cluster info | grep -q 'cluster_state:ok' \
        && [ "$(redis-cli -p "$base" cluster nodes | grep -c slave)" = 3 ]; then
      echo "Redis Cluster: masters and replicas on 127.0.0.1 ports $(echo $ports | tr ' ' ',')"
      return
    fi
    sleep 0.1
  done
  echo "the cluster did not come up: see $dir/*/redis.log" >&2
  exit 1
}

stop() {
  for port in $ports; do
    if [ -f "$dir/$port/redis.pid" ]; then
      kill "$(cat "$dir/$port/redis.pid")" 2>/dev/null || true
    fi
  done
  for port in $ports; do
    for _ in $(seq 1 50); do
      [ -f "$dir/$port/redis.pid" ] && kill -0 "$(cat "$dir/$port/redis.pid")" 2>/dev/null || break
      sleep 0.1
    done
  done
  rm -rf "$dir"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) redis-cli -p "$base" cluster nodes ;;
  *) echo "usage: $0 start|stop|status [DIR]" >&2; exit 2 ;;
esac
