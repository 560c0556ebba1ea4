#!/usr/bin/env bash
# One command for a load test: fresh database, seed, service in prod mode (or --url),
# the Gatling simulation (which also samples CPU/heap/GC/pool/queue from the service's
# Actuator), the integrity audit and report.md + report.html (the load-tests module's
# Report). See the "Load tests" section of README.md.
#
#   load-tests/run.sh seed-multi|contention|smoke [options]
#
# Exit status: 0 when every Gatling assertion held and the audit passed; 1 when a
# target was missed or the audit failed (the report is written either way); 2 when the
# run could not be made (PostgreSQL, Redis, JDK or build missing).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

usage() {
  cat <<'USAGE'
usage: load-tests/run.sh seed-multi|contention|best-available|smoke [options]
  seed-multi     seed report 000: 60 % booking / 30 % browsing / 10 % failing payment, max-active 50
  contention     seed report 002: a flash crowd for 1,000 seats, then payments of the winners
  best-available two flash crowds wanting 2 seats each, one date picking seats by hand, the other
                 best available: refused attempts per seat sold (BestAvailableComparison)
  smoke          both, small and short (what ./mvnw verify runs)
options:
  --url URL            load a running service instead of starting one (needs --seed-dir;
                       the audit then uses the SPRING_DATASOURCE_* / SPRING_DATA_REDIS_* in the environment)
  --seed-dir DIR       the id files of an earlier `seed --out DIR` (with --url)
  --management-url URL the running service's Actuator (with --url)       [the --url]
  --users N            virtual users at the plateau (closed model)      [seed-multi 200, contention 200]
  --duration S         seconds at the plateau                            [seed-multi 360, contention 60]
  --ramp S             seconds of ramp up (and down)                     [seed-multi 60, contention 10]
  --max-active N       concert.queue.max-active of the started service  [seed-multi 50, contention 1000]
  --active-ttl DUR     concert.queue.active-ttl of the started service, e.g. 30s  [the service's, 10m]
  --patience S         seconds a user waits for ACTIVE                   [30]
  --think-ms N         pause between booking steps                       [1000; contention 0]
  --seats N            seats per date to seed                            [1000]
  --sections N         sections of each date's hall (A, B, …)           [1; smoke 2]
  --rows N             rows of each section                              [1; smoke 5]
  --target-tps N       throughput the capacity plan is computed for      [500]
  --p95-ms N           the per-step p95 target                           [10]
  --heap SIZE          -Xmx of the started service                       [512m, as the seed deployment]
  --leave always|never always: users give their slot back when done (DELETE on the queue);
                       never: as the seed's clients, who never call it   [always]
  --service-env N=V    one more setting of the started service, e.g.
                       CONCERT_QUEUE_IDLE_TIMEOUT_WHILE_WAITING=5s (repeatable)
  --security MODE      oidc: users sign in with access tokens the seed signs; open: the
                       seed system's trust model (path user ids believed)  [oidc]
  --out DIR            where the run's files go                          [load-tests/target/runs/<scenario>-<time>]
USAGE
}

phase() { printf '\n== [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 2; }

[ $# -ge 1 ] || { usage >&2; exit 2; }
scenario=$1; shift
case "$scenario" in
  seed-multi|contention|best-available|smoke) ;;
  -h|--help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

url="" management_url="" seed_dir="" active_ttl="" users="" duration="" ramp="" max_active="" patience=30 think_ms="" seats=1000
sections="" rows=""
target_tps=500 p95_ms=10 seed_p95_ms=500 heap=512m out="" security=oidc leave=always extra_env=()
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url=$2 ;;
    --management-url) management_url=$2 ;;
    --seed-dir) seed_dir=$2 ;;
    --users) users=$2 ;;
    --duration) duration=$2 ;;
    --ramp) ramp=$2 ;;
    --max-active) max_active=$2 ;;
    --active-ttl) active_ttl=$2 ;;
    --patience) patience=$2 ;;
    --think-ms) think_ms=$2 ;;
    --seats) seats=$2 ;;
    --sections) sections=$2 ;;
    --rows) rows=$2 ;;
    --target-tps) target_tps=$2 ;;
    --p95-ms) p95_ms=$2 ;;
    --heap) heap=$2 ;;
    --out) out=$2 ;;
    --security) security=$2 ;;
    --leave) leave=$2 ;;
    --service-env) extra_env+=("$2") ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
  shift 2 || die "option $1 needs a value"
done

case "$scenario" in
  seed-multi) : "${users:=200}" "${duration:=360}" "${ramp:=60}" "${max_active:=50}" "${think_ms:=1000}" ;;
  contention) : "${users:=200}" "${duration:=60}" "${ramp:=10}" "${max_active:=1000}" "${think_ms:=0}" ;;
  # Rows of 20 seats, an even number, so pairs can fill a row.
  best-available) : "${users:=200}" "${duration:=30}" "${ramp:=5}" "${max_active:=1000}" "${think_ms:=0}" \
         "${sections:=1}" "${rows:=$(( (seats + 19) / 20 ))}" ;;
  # Small and short, right after the JVM starts, on a build machine: it proves the
  # suite, the report and the audit work and that nothing fails, not the latency
  # targets. So max-active is above the users and latency is bounded by the seed's
  # booking threshold (2 s) only.
  # The smoke proves that every step works, nothing fails and the audit holds. It runs
  # on a cold JVM, inside ./mvnw verify, often beside other builds on the same two cores,
  # so its latency says nothing about the service: a bound on it would pass or fail by
  # luck. Its latency bound is only the client's timeout; the real runs measure latency.
  smoke) : "${users:=20}" "${duration:=12}" "${ramp:=3}" "${max_active:=1000}" "${think_ms:=200}" "${sections:=2}" "${rows:=5}"
         [ "$p95_ms" = 10 ] && p95_ms=60000
         seed_p95_ms=60000 ;;
esac
: "${out:=$here/target/runs/$scenario-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
out=$(cd "$out" && pwd)

# --- prerequisites --------------------------------------------------------------------
phase "checking prerequisites"
java=""
for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*/bin/java; do
  [ -x "$candidate" ] || continue
  major=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  if [ "${major:-0}" -ge 25 ] 2>/dev/null; then java=$candidate; break; fi
done
[ -n "$java" ] || die "no JDK 25 or later found (JAVA_HOME or /usr/lib/jvm/*); install one"
export JAVA_HOME
JAVA_HOME=$(dirname "$(dirname "$java")")
echo "JDK: $JAVA_HOME"
mvn_flags=(-B)
# LOAD_MAVEN_OFFLINE=true (or offline=true, as the root build passes it): Maven offline.
case "${LOAD_MAVEN_OFFLINE:-}" in true|*=true) mvn_flags+=(-o) ;; esac

pg_host=${PGHOST:-127.0.0.1} pg_port=${PGPORT:-5432} pg_user=${PGUSER:-postgres}
redis_host=${REDIS_HOST:-127.0.0.1} redis_port=${REDIS_PORT:-6379}
if [ -z "$url" ]; then
  command -v psql >/dev/null || die "psql not found: the run needs PostgreSQL's client to create its database"
  psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -Atqc "SELECT 1" >/dev/null 2>&1 \
    || die "PostgreSQL is not reachable at $pg_host:$pg_port as $pg_user (start it, e.g. bash .ci/run does; or set PGHOST/PGPORT/PGUSER)"
  command -v redis-cli >/dev/null || die "redis-cli not found: the run needs Redis's client to check Redis and clean its keys"
  [ "$(redis-cli -h "$redis_host" -p "$redis_port" ping 2>/dev/null)" = PONG ] \
    || die "Redis is not reachable at $redis_host:$redis_port (start it, e.g. bash .ci/run does; or set REDIS_HOST/REDIS_PORT)"
  echo "PostgreSQL $pg_host:$pg_port and Redis $redis_host:$redis_port are up"
  # LOAD_JAR: the jar to run (the root build's smoke passes the one it just packaged).
  jar=${LOAD_JAR:-$(ls "$root"/target/concert-booking-*.jar 2>/dev/null | head -n 1 || true)}
  if [ -z "$jar" ]; then
    phase "building the service (no jar in target/)"
    (cd "$root" && ./mvnw "${mvn_flags[@]}" -q package -DskipTests) || die "the service's build failed"
    jar=$(ls "$root"/target/concert-booking-*.jar | head -n 1)
  fi
  echo "service: $jar"
elif [ -z "$seed_dir" ]; then
  die "--url needs --seed-dir: the id files of the seed the service's database holds"
fi

service_pid=""
cleanup() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
    kill "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# The process id keeps two runs on one machine (two checkouts' smoke runs) out of each
# other's database and keys: both write to a folder named load-smoke.
run_id=$(basename "$out" | tr -c 'a-zA-Z0-9\n' '_' | tr 'A-Z' 'a-z')_$$
database="load_${run_id}"
# A Redis key prefix of the run's own; a running service (--url) uses its own prefix.
if [ -n "$url" ]; then prefix=${CONCERT_QUEUE_KEY_PREFIX:-}; else prefix="load:${run_id}:"; fi
# The prod profile refuses to start without a queue token secret; a run's tokens need to
# live no longer than the run, so each run draws its own (seed and audit need none).
token_secret=${CONCERT_QUEUE_TOKEN_SECRET:-$(openssl rand -base64 32)}
# ... nor without the join challenges' key (the seed's concerts ask for no challenge).
challenge_key=${CONCERT_CHALLENGE_HMAC_KEY:-$(openssl rand -base64 32)}
# ... nor without the key pair ticket codes are signed with: each run makes its own.
ticket_private=${CONCERT_TICKETS_PRIVATE_KEY:-$(openssl genpkey -algorithm ed25519)}
ticket_public=${CONCERT_TICKETS_PUBLIC_KEY:-$(printf '%s\n' "$ticket_private" | openssl pkey -pubout)}
service_vars=(SPRING_PROFILES_ACTIVE=prod "CONCERT_QUEUE_TOKEN_SECRET=$token_secret"
  "CONCERT_CHALLENGE_HMAC_KEY=$challenge_key"
  "CONCERT_TICKETS_PRIVATE_KEY=$ticket_private" "CONCERT_TICKETS_PUBLIC_KEY=$ticket_public"
  "SPRING_DATASOURCE_URL=jdbc:postgresql://$pg_host:$pg_port/$database?reWriteBatchedInserts=true"
  "SPRING_DATASOURCE_USERNAME=$pg_user" "SPRING_DATA_REDIS_HOST=$redis_host" "SPRING_DATA_REDIS_PORT=$redis_port"
  "CONCERT_QUEUE_MAX_ACTIVE=$max_active" "CONCERT_QUEUE_KEY_PREFIX=$prefix" "CONCERT_SECURITY_MODE=$security")
case "$security" in
  oidc)
    # Users sign in as a real provider's would: the seed signs each one's access token
    # with a key made for this run, and the service trusts its public half.
    signing_key="$(cd "$out" && pwd)/sign-in.key"
    if [ -z "$url" ]; then
      openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$signing_key" 2>/dev/null \
        || die "openssl could not make the run's signing key"
      openssl pkey -in "$signing_key" -pubout -out "${signing_key%.key}.pub"
      service_vars+=("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION=file:${signing_key%.key}.pub")
    fi ;;
  open) ;;
  *) die "--security is oidc or open, not $security" ;;
esac
[ -n "$active_ttl" ] && service_vars+=("CONCERT_QUEUE_ACTIVE_TTL=$active_ttl")
service_vars+=(${extra_env[@]+"${extra_env[@]}"})
case "$leave" in
  always) never_leave=false ;;
  never) never_leave=true ;;
  *) die "--leave is always or never, not $leave" ;;
esac

# --- database, seed, service ---------------------------------------------------------
created_db=""
if [ -z "$url" ]; then
  phase "creating database $database"
  created_db=1
  psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc "DROP DATABASE IF EXISTS $database" \
    -c "CREATE DATABASE $database" >/dev/null
  seed_dir="$out/seed"
  case "$scenario" in
    # Enough poor users that none is back before the holds of its last failed payments ran
    # out (5 min): a user holds at most concert.reservation.max-holds-per-user (4) at once.
    seed-multi) seed_args=(--concerts 1 --dates-per-concert 5 --seats-per-date "$seats" --rich-users 2000 --poor-users 1000) ;;
    contention) seed_args=(--concerts 1 --dates-per-concert 1 --seats-per-date "$seats" --rich-users 5000 --poor-users 0) ;;
    best-available) seed_args=(--concerts 1 --dates-per-concert 2 --seats-per-date "$seats" --rich-users 5000 --poor-users 0) ;;
    smoke) seed_args=(--concerts 1 --dates-per-concert 2 --seats-per-date 500 --rich-users 300 --poor-users 40) ;;
  esac
  # The hall laid out as an organiser's seat map is, through the same code as the API.
  seed_args+=(--sections "${sections:-1}" --rows "${rows:-1}")
  phase "seeding: ${seed_args[*]}"
  [ "$security" = oidc ] && seed_args+=(--sign-with "$signing_key")
  env "${service_vars[@]}" "$java" -jar "$jar" seed "${seed_args[@]}" --out "$seed_dir" > "$out/seed.log" 2>&1 \
    || { tail -n 30 "$out/seed.log" >&2; die "seed failed (log: $out/seed.log)"; }
  grep -o 'Seeded.*' "$out/seed.log" || true

  # A port nothing listens on: a connection to it is refused.
  free_port() {
    local p
    while p=$((20000 + RANDOM % 40000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do :; done
    echo "$p"
  }
  # LOAD_PORT / LOAD_MANAGEMENT_PORT: fixed ports, where a machine shares its ports out.
  port=${LOAD_PORT:-$(free_port)}
  management_port=${LOAD_MANAGEMENT_PORT:-$(free_port)}
  url="http://127.0.0.1:$port"
  management_url="http://127.0.0.1:$management_port"
  phase "starting the service in prod mode on $url (max-active $max_active, -Xmx$heap)"
  # env execs the JVM, so $! is the service's own pid and stopping it stops the service.
  # The queue gauges the simulation samples each second are refreshed each second.
  env "${service_vars[@]}" SERVER_PORT="$port" MANAGEMENT_SERVER_PORT="$management_port" "$java" "-Xmx$heap" -jar "$jar" \
    --concert.monitoring.queue-interval=1s > "$out/service.log" 2>&1 &
  service_pid=$!
  for _ in $(seq 1 120); do
    if curl -fs "$management_url/actuator/health" >/dev/null 2>&1; then break; fi
    kill -0 "$service_pid" 2>/dev/null || { tail -n 30 "$out/service.log" >&2; die "the service died at start-up (log: $out/service.log)"; }
    sleep 1
  done
  curl -fs "$management_url/actuator/health" >/dev/null || die "the service did not become healthy in 120 s (log: $out/service.log)"
  echo "up: $(grep -o 'Started .* in [0-9.]* seconds' "$out/service.log" || true)"
fi

# --- simulations ---------------------------------------------------------------------
status=0
simulate() { # name class users duration ramp extra-properties...
  local name=$1 class=$2 n=$3 d=$4 r=$5; shift 5
  local dir="$out/$name"
  mkdir -p "$dir"
  phase "$name: running $class ($n users, ${r}s ramp, ${d}s plateau), sampling the service"
  local started
  started=$(date +%s)
  local rc=0
  if (cd "$here" && "$root/mvnw" "${mvn_flags[@]}" gatling:test -Dsimulation="dev.ticketing.load.$class" \
      -DbaseUrl="$url" -DseedDir="$seed_dir" -Dusers="$n" -Dduration="$d" -Dramp="$r" -Dpatience="$patience" \
      -DthinkMs="$think_ms" -DtargetP95Ms="$p95_ms" -DseedP95Ms="$seed_p95_ms" -DresultsDir="$dir" -DneverLeave="$never_leave" \
      -DmanagementUrl="${management_url:-$url}" "$@") 2>&1 | tee "$dir/gatling.log"; then
    rc=0
  else
    rc=$?
  fi
  local results
  results=$(ls -dt "$here"/target/gatling/"$(echo "$class" | tr 'A-Z' 'a-z')"-* 2>/dev/null | head -n 1 || true)
  if [ -n "$results" ] && [ "$(stat -c %Y "$results")" -ge "$started" ]; then
    rm -rf "$dir/gatling"; mv "$results" "$dir/gatling"
  else
    echo "no Gatling report was written for $name" >&2
  fi
  if [ "$rc" = 0 ]; then echo "$name: every assertion held"
  else echo "$name: Gatling failed or an assertion did not hold (exit $rc)"; status=1; fi
  printf '%s\n' "$rc" > "$dir/gatling.rc"
}

case "$scenario" in
  seed-multi) simulate seed-multi SeedMultiScenario "$users" "$duration" "$ramp" ;;
  contention) simulate contention SeatContention "$users" "$duration" "$ramp" -DhotSeats=10 ;;
  best-available) simulate best-available BestAvailableComparison "$users" "$duration" "$ramp" \
    ${LOAD_HOT_SEATS:+-DhotSeats=$LOAD_HOT_SEATS}
    grep -h '^BEST-AVAILABLE' "$out/best-available/gatling.log" > "$out/best-available/comparison.txt" || true
    cat "$out/best-available/comparison.txt" ;;
  smoke)
    simulate seed-multi SeedMultiScenario "$users" "$duration" "$ramp"
    simulate contention SeatContention "$users" "$duration" "$ramp" -DhotSeats=5 ;;
esac

# --- audit ---------------------------------------------------------------------------
phase "auditing the data"
audit_rc=0
if [ -n "$service_pid" ]; then
  env "${service_vars[@]}" "$java" -jar "$jar" audit > "$out/audit.log" 2>&1 || audit_rc=$?
elif jar=${LOAD_JAR:-$(ls "$root"/target/concert-booking-*.jar 2>/dev/null | head -n 1)} && [ -n "$jar" ]; then
  # The running service's settings come from the environment; --max-active sets the cap checked.
  env SPRING_PROFILES_ACTIVE="${SPRING_PROFILES_ACTIVE:-prod}" CONCERT_QUEUE_MAX_ACTIVE="$max_active" \
    CONCERT_QUEUE_KEY_PREFIX="$prefix" "$java" -jar "$jar" audit > "$out/audit.log" 2>&1 || audit_rc=$?
else
  echo "no service jar to audit with" > "$out/audit.log"; audit_rc=2
fi
sed -n '/^| check/,/^AUDIT/p' "$out/audit.log"
[ "$audit_rc" = 0 ] || { echo "audit failed (exit $audit_rc, log: $out/audit.log)"; status=1; }
printf '%s\n' "$audit_rc" > "$out/audit.rc"

if [ -n "$service_pid" ]; then
  phase "stopping the service"
  kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; service_pid=""
fi

# --- report --------------------------------------------------------------------------
for dir in "$out"/seed-multi "$out"/contention; do
  [ -d "$dir" ] || continue
  phase "writing the report for $(basename "$dir")"
  # Maven runs on the JDK found above (JAVA_HOME), as exec:java's Report needs.
  (cd "$here" && "$root/mvnw" "${mvn_flags[@]}" -q exec:java -Dexec.args="--run '$dir' --audit '$out/audit.log' \
    --audit-rc $audit_rc --target-tps $target_tps --heap $heap --max-active $max_active --p95-ms $p95_ms \
    --seed-p95-ms $seed_p95_ms --active-ttl '${active_ttl:-10m (default)}'") || status=1
  echo "report: $dir/report.md, $dir/report.html; Gatling's: $dir/gatling/index.html"
done
if [ -n "$created_db" ] && [ "${LOAD_KEEP_DATABASE:-false}" != true ]; then
  # The report has what the run showed; LOAD_KEEP_DATABASE=true keeps the data to inspect.
  psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
  redis-cli -h "$redis_host" -p "$redis_port" --scan --pattern "$prefix*" \
    | xargs -r -n 500 redis-cli -h "$redis_host" -p "$redis_port" del >/dev/null || true
fi
phase "done: $( [ "$status" = 0 ] && echo 'every target met, audit clean' || echo 'a target was missed or the audit failed, see the report')"
exit "$status"
