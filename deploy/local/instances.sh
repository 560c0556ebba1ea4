#!/usr/bin/env bash
# Instances of the service (java -jar, prod profile) behind HAProxy on one machine: HAProxy
# sends a request to an instance only while its readiness probe answers 200, so an
# instance that drains on SIGTERM (readiness REFUSING_TRAFFIC, then no new connections)
# is taken out within a second, and a request whose connection it refused goes to
# another instance.
#
#   deploy/local/instances.sh start [DIR]
#   deploy/local/instances.sh stop [DIR]
#   deploy/local/instances.sh status [DIR]
#   deploy/local/instances.sh haproxy-config    # prints HAProxy's configuration
#
# The service's settings come from the environment as for one instance
# (SPRING_PROFILES_ACTIVE=prod, SPRING_DATASOURCE_URL, SPRING_DATA_REDIS_HOST or
# SPRING_DATA_REDIS_CLUSTER_NODES, CONCERT_QUEUE_TOKEN_SECRET, CONCERT_CHALLENGE_HMAC_KEY,
# CONCERT_TICKETS_*_KEY, the sign-in's SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_*); every
# instance gets the same.
# Ports and the rest (environment):
#   INSTANCES                         how many                                  [3]
#   INSTANCES_FRONT_PORT              HAProxy, where clients connect             [8090]
#   INSTANCES_BASE_PORT               the first instance's API, then +1...       [8091]
#   INSTANCES_MANAGEMENT_BASE_PORT    the first instance's Actuator, then +1...  [8094]
#   INSTANCES_STATS_PORT              HAProxy's statistics page                  [8099]
#   INSTANCES_HEAP                    -Xmx of each                               [512m, as the seed deployment]
#   APP_JAR                           the service's jar                          [target/concert-booking-*.jar]
#   JAVA                              a JDK 25 java                              [$JAVA_HOME/bin/java, /usr/lib/jvm/*25*]
#   INSTANCES_START_TIMEOUT           seconds to wait for every instance ready   [300]
# stop sends SIGTERM (each instance drains), and ends only what this script started, by
# the process ids it wrote to DIR.
set -euo pipefail

command=${1:-start}
dir=${2:-${TMPDIR:-/tmp}/concert-instances}
count=${INSTANCES:-3}
front=${INSTANCES_FRONT_PORT:-8090}
base=${INSTANCES_BASE_PORT:-8091}
management_base=${INSTANCES_MANAGEMENT_BASE_PORT:-8094}
stats=${INSTANCES_STATS_PORT:-8099}
heap=${INSTANCES_HEAP:-512m}
start_timeout=${INSTANCES_START_TIMEOUT:-300}
root=$(cd "$(dirname "$0")/../.." && pwd)

spawn() { # pidfile logfile command...: one process whose id is the command's own
  local pidfile=$1 logfile=$2
  shift 2
  nohup bash -c 'echo $$ > "$0"; exec "$@"' "$pidfile" "$@" >"$logfile" 2>&1 </dev/null &
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

ready() { curl -fs "http://127.0.0.1:$((management_base + $1))/actuator/health/readiness" >/dev/null 2>&1; }

haproxy_config() {
  cat <<CFG
global
  maxconn 4000
  # To DIR/haproxy.log: an instance marked up or down and why, and requests that ended
  # abnormally (a retry, a 5xx, a closed connection); not every request.
  log stderr format raw local0 info

defaults
  mode http
  log global
  option httplog
  option dontlog-normal
  option log-health-checks
  option forwardfor
  timeout connect 1s
  timeout client 2m
  timeout server 2m
  # A client's idle connection is closed by the client first (the JDK's client after
  # 30 s, browsers later still): a request sent on a connection HAProxy closed under it
  # reaches nobody, is never logged, and a client does not send a POST again (a hold
  # failed twice so in CI, the client's second connection as stale as the first).
  timeout http-keep-alive 2m
  # An upgraded connection (a fan's WebSocket status channel) is a tunnel to HAProxy,
  # timed by this instead of client and server: a waiting fan's channel may go quiet
  # between the server's pings, and lasts as long as the wait, not as one request.
  timeout tunnel 1h
  # Generous for two busy cores: a check that times out marks an instance down.
  timeout check 3s

frontend api
  bind 127.0.0.1:$front
  default_backend instances

backend instances
  balance roundrobin
  # Ready means started and not draining (management.endpoint.health.group.readiness).
  option httpchk
  http-check send meth GET uri /actuator/health/readiness
  http-check expect status 200
  # Sent again, to another instance: a request whose connection an instance refused (it
  # stopped accepting while draining), and one sent on a kept-alive connection the
  # instance closed without reading it (it closes idle connections when it drains; the
  # requests it did read, it finishes).
  retry-on conn-failure empty-response
  # HAProxy can send a request again only if it had the whole request before sending any
  # of it: a client that writes a POST's headers and body apart (the JDK's client does)
  # would otherwise have its headers forwarded alone, and if the instance then closes,
  # the request is neither retried nor answered; HAProxy closes the client's connection
  # (LoadBalancerRetryIT; a hold failed twice so in CI while an instance drained).
  option http-buffer-request
  retries 2
  option redispatch 1
  # A connection of its own for every request: a kept-alive one to an instance that has
  # just begun to drain can be closed under a request HAProxy then neither answers nor
  # retries (it closes the client's connection, as the server did), and the client's
  # retry can meet the next such connection. A draining instance refuses new
  # connections, which are retried elsewhere (conn-failure). On loopback the extra
  # connect costs little next to a lost booking call.
  http-reuse never
  # Readiness answers 503 from the moment an instance drains: out after two checks.
  default-server inter 1s fall 2 rise 2
CFG
  for i in $(seq 0 $((count - 1))); do
    echo "  server app$i 127.0.0.1:$((base + i)) check port $((management_base + i))"
  done
  cat <<CFG

listen stats
  bind 127.0.0.1:$stats
  stats enable
  stats uri /
  stats refresh 2s
CFG
}

java_binary() {
  if [ -n "${JAVA:-}" ]; then echo "$JAVA"; return; fi
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME/bin/java"; return; fi
  local found
  found=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1 || true)
  echo "${found:-java}"
}

start() {
  local jar=${APP_JAR:-$(ls "$root"/target/concert-booking-*.jar 2>/dev/null | grep -v plain | head -n 1 || true)}
  [ -n "$jar" ] && [ -f "$jar" ] || { echo "no service jar: ./mvnw package -DskipTests, or set APP_JAR" >&2; exit 1; }
  command -v haproxy >/dev/null || { echo "haproxy is not installed (Debian: haproxy)" >&2; exit 1; }
  for port in "$front" $(seq "$base" $((base + count - 1))) $(seq "$management_base" $((management_base + count - 1))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port already answers; stop it first" >&2
      exit 1
    fi
  done
  mkdir -p "$dir"
  local java
  java=$(java_binary)
  for i in $(seq 0 $((count - 1))); do
    spawn "$dir/app$i.pid" "$dir/app$i.log" env SERVER_PORT=$((base + i)) \
      MANAGEMENT_SERVER_PORT=$((management_base + i)) "$java" "-Xmx$heap" -jar "$jar"
  done
  for i in $(seq 0 $((count - 1))); do
    for _ in $(seq 1 $((start_timeout * 10))); do
      ready "$i" && break
      alive "$dir/app$i.pid" || { tail -n 30 "$dir/app$i.log" >&2; echo "instance $i died at start-up" >&2; exit 1; }
      sleep 0.1
    done
    ready "$i" || { tail -n 30 "$dir/app$i.log" >&2; echo "instance $i was not ready in $start_timeout s" >&2; exit 1; }
  done

  haproxy_config >"$dir/haproxy.cfg"
  spawn "$dir/haproxy.pid" "$dir/haproxy.log" haproxy -db -f "$dir/haproxy.cfg"
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$front/api/v1/concerts" >/dev/null 2>&1 && break
    sleep 0.1
  done

  for i in $(seq 0 $((count - 1))); do
    echo "instance $i: API http://127.0.0.1:$((base + i)), Actuator http://127.0.0.1:$((management_base + i))/actuator (pid $(cat "$dir/app$i.pid"))"
  done
  echo "HAProxy: the API at http://127.0.0.1:$front, statistics http://127.0.0.1:$stats/"
}

stop_pid() { # pidfile seconds
  alive "$1" || return 0
  kill "$(cat "$1")" 2>/dev/null || true
  for _ in $(seq 1 $(($2 * 10))); do alive "$1" || return 0; sleep 0.1; done
  kill -9 "$(cat "$1")" 2>/dev/null || true
}

stop() {
  stop_pid "$dir/haproxy.pid" 5
  # Graceful shutdown takes up to spring.lifecycle.timeout-per-shutdown-phase (20 s).
  for i in $(seq 0 $((count - 1))); do alive "$dir/app$i.pid" && kill "$(cat "$dir/app$i.pid")" 2>/dev/null || true; done
  for i in $(seq 0 $((count - 1))); do stop_pid "$dir/app$i.pid" 40; done
  rm -rf "$dir"
}

status() {
  for i in $(seq 0 $((count - 1))); do
    printf 'instance %s http://127.0.0.1:%s readiness: ' "$i" $((base + i))
    curl -s "http://127.0.0.1:$((management_base + i))/actuator/health/readiness" || printf 'not answering'
    echo
  done
  printf 'HAProxy http://127.0.0.1:%s: ' "$front"
  curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$front/api/v1/concerts" || echo 'not answering'
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  haproxy-config) haproxy_config ;;
  *) echo "usage: $0 start|stop|status|haproxy-config [DIR]" >&2; exit 2 ;;
esac
