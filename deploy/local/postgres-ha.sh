#!/usr/bin/env bash
# PostgreSQL that survives the loss of its primary, on one machine: one etcd member,
# Patroni-managed PostgreSQL nodes with synchronous replication, and HAProxy sending the
# service's connections to whichever node Patroni's REST API says is the primary.
#
#   deploy/local/postgres-ha.sh start [DIR]
#   deploy/local/postgres-ha.sh stop [DIR]
#   deploy/local/postgres-ha.sh status [DIR]
#   deploy/local/postgres-ha.sh haproxy-config    # prints HAProxy's configuration
#
# Ports (environment):
#   PG_HA_NODES           nodes                                   [3]
#   PG_HA_ETCD_PORT       etcd's client port (peer port: +1)      [23790]
#   PG_HA_PG_BASE_PORT    the first node's PostgreSQL, then +1... [5433]
#   PG_HA_REST_BASE_PORT  the first node's Patroni REST, then +1  [8008]
#   PG_HA_HAPROXY_PORT    the primary, through HAProxy            [5000]
#   PG_HA_STATS_PORT      HAProxy's statistics page               [5009]
# (Not PATRONI_*: Patroni reads variables of that name as its own settings.)
#
# The service connects to the HAProxy port only (SPRING_DATASOURCE_URL=
# jdbc:postgresql://127.0.0.1:5000/postgres). synchronous_mode: a commit returns only once
# the synchronous standby has it, so a payment answered 200 survives the primary's loss.
# primary_start_timeout 0: a crashed primary is not restarted in place while a standby can
# take over; its Patroni gives up the leader key at once. HAProxy marks the old primary
# down within about 2 s (its Patroni answers 503 at once) and closes every session it had open to it (on-marked-down
# shutdown-sessions), so no pooled connection outlives the switch.
#
# PostgreSQL does not run as root: started by root, the nodes run as the postgres user.
# stop ends only what this script started, by the process ids it wrote to DIR.
set -euo pipefail

command=${1:-start}
dir=${2:-${TMPDIR:-/tmp}/concert-postgres-ha}
# Only start makes the folder: printing the configuration leaves nothing behind.
if [ "$command" = start ]; then mkdir -p "$dir"; fi
if [ -d "$dir" ]; then dir=$(cd "$dir" && pwd); fi
nodes=${PG_HA_NODES:-3}
etcd_port=${PG_HA_ETCD_PORT:-23790}
pg_base=${PG_HA_PG_BASE_PORT:-5433}
rest_base=${PG_HA_REST_BASE_PORT:-8008}
haproxy_port=${PG_HA_HAPROXY_PORT:-5000}
stats_port=${PG_HA_STATS_PORT:-5009}
pg_bin=${PG_HA_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups); fi

# Starts "$@" in the background, its output in $2, as one process whose id is written
# to $1 (bash execs the command, so the id is the command's own).
spawn() {
  local pidfile=$1 logfile=$2
  shift 2
  nohup bash -c 'echo $$ > "$0"; exec "$@"' "$pidfile" "$@" >"$logfile" 2>&1 </dev/null &
}

wait_for() { # seconds description command...
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq 1 $((seconds * 10))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "$what did not come up in ${seconds} s; the ends of $dir/*.log:" >&2
  tail -n 15 "$dir"/*.log >&2 || true
  return 1
}

node_config() { # index
  local i=$1 name="pg$1" pg_port=$((pg_base + $1)) rest_port=$((rest_base + $1))
  cat <<YAML
scope: concert
name: $name
log:
  level: WARNING
restapi:
  listen: 127.0.0.1:$rest_port
  connect_address: 127.0.0.1:$rest_port
etcd3:
  hosts: 127.0.0.1:$etcd_port
bootstrap:
  dcs:
    # A crashed primary gives the leader key up at once (primary_start_timeout 0), so the
    # switch does not wait for the key to lapse: the key may live long (30 s) and its
    # renewals may take long (10 s) on a machine busy enough to starve Patroni, which
    # with tighter values demoted a healthy primary in the middle of a migration.
    ttl: 30
    loop_wait: 1
    retry_timeout: 10
    primary_start_timeout: 0
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      remove_data_directory_on_rewind_failure: true
      parameters:
        wal_level: replica
        wal_log_hints: "on"
        hot_standby: "on"
        max_connections: 300
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
        shared_buffers: 64MB
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 trust
    - host all all 127.0.0.1/32 trust
postgresql:
  listen: 127.0.0.1:$pg_port
  connect_address: 127.0.0.1:$pg_port
  data_dir: $dir/$name/data
  bin_dir: $pg_bin
  pgpass: $dir/$name/pgpass
  authentication:
    superuser:
      username: postgres
      password: postgres
    replication:
      username: replicator
      password: replicator
  parameters:
    unix_socket_directories: $dir/$name
tags:
  nofailover: false
  noloadbalance: false
YAML
}

haproxy_config() {
  cat <<CFG
global
  maxconn 2000
  # To DIR/haproxy.log: a server marked up or down and why, and sessions that ended
  # abnormally; not every connection.
  log stderr format raw local0 info

defaults
  mode tcp
  log global
  option tcplog
  option dontlog-normal
  option log-health-checks
  timeout connect 2s
  # Longer than any pooled connection lives (Hikari's max-lifetime is 30 min).
  timeout client 1h
  timeout server 1h
  timeout check 5s

# Writes and reads of the truth: only the node whose Patroni answers GET /primary with 200.
# Checked every second; three failures (or a Patroni that says another node is primary)
# mark it down and close its sessions, so clients reconnect and land on the new primary.
# A slow answer on a busy machine is not a failure for 5 s.
listen postgres-primary
  bind 127.0.0.1:$haproxy_port
  option httpchk
  http-check send meth GET uri /primary
  http-check expect status 200
  default-server inter 1s fastinter 500ms downinter 1s fall 3 rise 1 on-marked-down shutdown-sessions
CFG
  for i in $(seq 0 $((nodes - 1))); do
    echo "  server pg$i 127.0.0.1:$((pg_base + i)) check port $((rest_base + i))"
  done
  cat <<CFG

listen stats
  mode http
  bind 127.0.0.1:$stats_port
  stats enable
  stats uri /
  stats refresh 2s
CFG
}

some_sync_standby() {
  for i in $(seq 1 $((nodes - 1))); do
    curl -fs "http://127.0.0.1:$((rest_base + i))/sync" && return 0
  done
  return 1
}

# HAProxy holds every server UP from its start until checks fail enough times (2.6 has no
# init-state), so a standby takes connections for a second or two, then has them closed
# when it is marked down: the route is settled only when the statistics show the leader
# alone UP and every other node DOWN.
route_settled() {
  local csv leader
  csv=$(curl -fs "http://127.0.0.1:$stats_port/;csv") || return 1
  leader=$(awk -F, '$1 == "postgres-primary" && $2 ~ /^pg[0-9]+$/ && $18 == "UP" { print $2 }' <<<"$csv")
  [ "$(wc -w <<<"$leader")" = 1 ] || return 1
  [ "$(awk -F, '$1 == "postgres-primary" && $2 ~ /^pg[0-9]+$/ && $18 == "DOWN"' <<<"$csv" | wc -l)" = $((nodes - 1)) ] || return 1
  curl -fs "http://127.0.0.1:$((rest_base + ${leader#pg}))/primary"
}

start() {
  for port in "$etcd_port" $(seq "$pg_base" $((pg_base + nodes - 1))) $(seq "$rest_base" $((rest_base + nodes - 1))) "$haproxy_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port already answers; stop it first" >&2
      exit 1
    fi
  done
  for tool in etcd patroni haproxy; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed (Debian: etcd-server, patroni, haproxy)" >&2; exit 1; }
  done
  [ -x "$pg_bin/postgres" ] || { echo "no PostgreSQL binaries in $pg_bin (PG_HA_PG_BIN)" >&2; exit 1; }
  mkdir -p "$dir/etcd"

  spawn "$dir/etcd.pid" "$dir/etcd.log" etcd --name etcd0 --data-dir "$dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$((etcd_port + 1))" \
    --initial-advertise-peer-urls "http://127.0.0.1:$((etcd_port + 1))" \
    --initial-cluster "etcd0=http://127.0.0.1:$((etcd_port + 1))" --initial-cluster-state new
  wait_for 30 etcd curl -fs "http://127.0.0.1:$etcd_port/health"

  for i in $(seq 0 $((nodes - 1))); do
    mkdir -p "$dir/pg$i"
    node_config "$i" >"$dir/pg$i/patroni.yml"
    touch "$dir/pg$i.log"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir" "$dir/pg$i" "$dir/pg$i/patroni.yml" "$dir/pg$i.log"; fi
    # Started from the node's folder: Patroni's worker processes change back to the
    # directory it started in, and the caller's may be closed to the postgres user.
    (cd "$dir/pg$i" && spawn "$dir/pg$i.pid" "$dir/pg$i.log" ${as_postgres[@]+"${as_postgres[@]}"} \
      patroni "$dir/pg$i/patroni.yml")
    if [ "$i" = 0 ]; then
      # The first node bootstraps the cluster; the others then copy it.
      wait_for 90 "the first node (primary)" curl -fs "http://127.0.0.1:$rest_base/primary"
    fi
  done
  for i in $(seq 1 $((nodes - 1))); do
    wait_for 90 "node pg$i (replica)" curl -fs "http://127.0.0.1:$((rest_base + i))/replica"
  done
  if [ "$nodes" -gt 1 ]; then
    wait_for 60 "a synchronous standby" some_sync_standby
  fi

  haproxy_config >"$dir/haproxy.cfg"
  spawn "$dir/haproxy.pid" "$dir/haproxy.log" haproxy -db -f "$dir/haproxy.cfg"
  wait_for 30 "HAProxy's route to the primary alone" route_settled
  wait_for 30 "HAProxy's route to the primary" "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$haproxy_port"

  echo "etcd: 127.0.0.1:$etcd_port"
  for i in $(seq 0 $((nodes - 1))); do
    echo "PostgreSQL pg$i: 127.0.0.1:$((pg_base + i)) (Patroni REST 127.0.0.1:$((rest_base + i)))"
  done
  echo "PostgreSQL primary through HAProxy: 127.0.0.1:$haproxy_port (jdbc:postgresql://127.0.0.1:$haproxy_port/postgres), statistics http://127.0.0.1:$stats_port/"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pid() { # pidfile
  alive "$1" || return 0
  kill "$(cat "$1")" 2>/dev/null || true
  for _ in $(seq 1 300); do alive "$1" || return 0; sleep 0.1; done
  kill -9 "$(cat "$1")" 2>/dev/null || true
}

stop() {
  stop_pid "$dir/haproxy.pid"
  # Patroni stops its PostgreSQL when it stops; a postmaster left behind by a Patroni that
  # was killed is ended by the id in its own data directory.
  for i in $(seq 0 $((nodes - 1))); do stop_pid "$dir/pg$i.pid"; done
  for i in $(seq 0 $((nodes - 1))); do
    local postmaster="$dir/pg$i/data/postmaster.pid"
    if [ -f "$postmaster" ]; then
      head -n 1 "$postmaster" >"$dir/pg$i/postmaster.only-pid"
      stop_pid "$dir/pg$i/postmaster.only-pid"
    fi
  done
  stop_pid "$dir/etcd.pid"
  rm -rf "$dir"
}

status() {
  local leader
  for i in $(seq 0 $((nodes - 1))); do
    printf 'pg%s 127.0.0.1:%s ' "$i" $((pg_base + i))
    curl -s "http://127.0.0.1:$((rest_base + i))/patroni" || printf 'REST not answering'
    echo
  done
  leader=$("$pg_bin/psql" -h 127.0.0.1 -p "$haproxy_port" -U postgres -d postgres -Atc \
    "SELECT inet_server_port() || ' in recovery: ' || pg_is_in_recovery()" 2>/dev/null || echo "not answering")
  echo "through HAProxy 127.0.0.1:$haproxy_port: $leader"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  haproxy-config) haproxy_config ;;
  *) echo "usage: $0 start|stop|status|haproxy-config [DIR]" >&2; exit 2 ;;
esac
