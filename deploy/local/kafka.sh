#!/usr/bin/env bash
# One Kafka broker on loopback (a single KRaft node, broker and controller in one
# process), from Kafka's Maven artifacts: for the outbox's integration test and for
# trying the service's sale events on one machine.
#
#   deploy/local/kafka.sh start [DIR]    # 127.0.0.1:9092 (KAFKA_PORT), controller on the next port
#   deploy/local/kafka.sh stop [DIR]
#   deploy/local/kafka.sh status [DIR]
#
# DIR (default: a folder under the system's temporary folder) holds the broker's
# libraries (copied from the local Maven repository through the Maven wrapper, fetched
# only if missing there), its configuration, its data and its log. A second start on the
# same DIR keeps the data, so topics and messages survive a stop. stop ends only the
# process this script started, by the process id it wrote.
set -euo pipefail

command=${1:-start}
dir=${2:-${TMPDIR:-/tmp}/concert-kafka}
port=${KAFKA_PORT:-9092}
controller=$((port + 1))
root=$(cd "$(dirname "$0")/../.." && pwd)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running() { [ -f "$dir/kafka.pid" ] && kill -0 "$(cat "$dir/kafka.pid")" 2>/dev/null; }

libraries() {
  [ -f "$dir/lib/.complete" ] && return
  mkdir -p "$dir/lib"
  local copy=(-B -q -f "$root/deploy/local/kafka/pom.xml" dependency:copy-dependencies
    -DoutputDirectory="$dir/lib" -DincludeScope=runtime)
  # Offline first: the artifacts are usually in the local repository already.
  "$root/mvnw" -o "${copy[@]}" >/dev/null 2>&1 || "$root/mvnw" "${copy[@]}"
  touch "$dir/lib/.complete"
}

start() {
  if running; then
    echo "Kafka already runs from $dir (pid $(cat "$dir/kafka.pid"))"
    return
  fi
  for p in "$port" "$controller"; do
    if answers "$p"; then
      echo "port $p already answers; stop it first" >&2
      exit 1
    fi
  done
  libraries
  mkdir -p "$dir/data"
  cat >"$dir/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster
    cluster=$("$java" -cp "$dir/lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null)
    "$java" -cp "$dir/lib/*" kafka.tools.StorageTool format -t "$cluster" -c "$dir/server.properties" >"$dir/format.log" 2>&1
  fi
  nohup "$java" -Xms256m -Xmx512m -cp "$dir/lib/*" kafka.Kafka "$dir/server.properties" >>"$dir/kafka.log" 2>&1 &
  echo $! >"$dir/kafka.pid"
  for _ in $(seq 1 600); do
    if answers "$port"; then
      echo "Kafka: broker on 127.0.0.1:$port, controller on 127.0.0.1:$controller (pid $(cat "$dir/kafka.pid"), files in $dir)"
      return
    fi
    running || break
    sleep 0.1
  done
  echo "Kafka did not come up: see $dir/kafka.log" >&2
  exit 1
}

stop() {
  if ! running; then
    rm -f "$dir/kafka.pid"
    return
  fi
  local pid
  pid=$(cat "$dir/kafka.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/kafka.pid"
  echo "Kafka stopped (pid $pid)"
}

status() {
  if running && answers "$port"; then
    echo "Kafka runs from $dir (pid $(cat "$dir/kafka.pid")) on 127.0.0.1:$port"
  else
    echo "Kafka is not running from $dir"
    exit 1
  fi
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status [DIR]" >&2; exit 2 ;;
esac
