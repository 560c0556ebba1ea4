#!/usr/bin/env bash
# What the waiting lists' gate costs the seat queries: the free-seat predicate asks, for a
# seat whose hold ran out, whether its date keeps released seats for a waiting list
# (concert/Sql.free). Builds a scratch schema of one 50,000-seat date (30,000 sold, 10,000
# held, 10,000 held and run out) in the PostgreSQL that psql reaches (PGHOST, PGUSER, ...;
# database PGDATABASE, default postgres), times the hall query (every seat of the date
# counted by section) and a refused hold (the conditional UPDATE on a taken seat) with the
# predicate as it was and with the gate shut and open, and drops the schema. Prints the
# median and best of RUNS runs of each, in milliseconds.
set -euo pipefail
RUNS=${RUNS:-15}
SCHEMA=waitlist_gate_bench_$$
psql -X -q -v ON_ERROR_STOP=1 -d "${PGDATABASE:-postgres}" <<SQL
CREATE SCHEMA $SCHEMA;
SET search_path = $SCHEMA;
CREATE TABLE concert_date (id BIGINT PRIMARY KEY);
CREATE TABLE seat (id BIGINT PRIMARY KEY, concert_date_id BIGINT NOT NULL REFERENCES concert_date (id),
    seat_number INT NOT NULL, price BIGINT NOT NULL, section VARCHAR(100), status VARCHAR(16) NOT NULL,
    holder_id UUID, reservation_id UUID, hold_expires_at TIMESTAMPTZ);
CREATE INDEX seat_by_date_section ON seat (concert_date_id, section, status, hold_expires_at, price);
CREATE INDEX seat_by_date_status ON seat (concert_date_id, status, hold_expires_at);
CREATE TABLE released_seats_gate (concert_date_id BIGINT PRIMARY KEY REFERENCES concert_date (id),
    waiting BOOLEAN NOT NULL);
INSERT INTO concert_date VALUES (1);
INSERT INTO seat SELECT g, 1, g, 1000, 'S' || (g % 20), CASE WHEN g <= 30000 THEN 'SOLD' ELSE 'HELD' END,
    gen_random_uuid(), gen_random_uuid(), CASE WHEN g <= 30000 THEN NULL WHEN g <= 40000
    THEN now() + interval '1 hour' ELSE now() - interval '1 minute' END
  FROM generate_series(1, 50000) g;
INSERT INTO released_seats_gate VALUES (1, false);
ANALYZE;
CREATE FUNCTION timed(query text, runs int) RETURNS text LANGUAGE plpgsql AS \$\$
DECLARE started timestamptz; took double precision[] := '{}';
BEGIN
  FOR i IN 1..runs LOOP
    started := clock_timestamp();
    EXECUTE query;
    took := took || extract(epoch FROM clock_timestamp() - started) * 1000;
  END LOOP;
  SELECT array_agg(t ORDER BY t) INTO took FROM unnest(took) t;
  RETURN format('median %s ms, best %s ms', round(took[(runs + 1) / 2]::numeric, 3), round(took[1]::numeric, 3));
END \$\$;
CREATE TABLE figure (what text, took text);
SQL
run() {
	psql -X -q -v ON_ERROR_STOP=1 -d "${PGDATABASE:-postgres}" -c "SET search_path = $SCHEMA; $1" >/dev/null
}
OLD="(status = 'AVAILABLE' OR (status = 'HELD' AND hold_expires_at <= now()))"
GATED="(seat.status = 'AVAILABLE' OR ((seat.status = 'HELD' AND seat.hold_expires_at <= now()) AND NOT EXISTS (SELECT 1 FROM released_seats_gate g WHERE g.concert_date_id = seat.concert_date_id AND g.waiting)))"
hall() { echo "SELECT section, count(*), sum(CASE WHEN $1 THEN 1 ELSE 0 END) FROM seat WHERE concert_date_id = 1 GROUP BY section"; }
# A hold refused on a seat whose hold ran out only while the gate is open; the others
# refuse on a live hold (seat 35000), the flash sale's common case.
hold() { echo "UPDATE seat SET status = 'HELD' WHERE id = $2 AND $1"; }
measure() {
	run "INSERT INTO figure SELECT '$1', timed(\$q\$$2\$q\$, $RUNS)"
}
measure "hall, predicate as before      " "$(hall "$OLD")"
measure "hall, gate shut                " "$(hall "$GATED")"
measure "refused hold, as before        " "$(hold "$OLD" 35000)"
measure "refused hold, gate shut        " "$(hold "$GATED" 35000)"
run "UPDATE released_seats_gate SET waiting = true"
measure "hall, gate open                " "$(hall "$GATED")"
measure "refused hold, gate open        " "$(hold "$GATED" 35000)"
measure "run-out seat refused, gate open" "$(hold "$GATED" 45000)"
psql -X -q -A -t -F ': ' -d "${PGDATABASE:-postgres}" -c "SELECT what, took FROM $SCHEMA.figure"
psql -X -q -d "${PGDATABASE:-postgres}" -c "SET client_min_messages = warning; DROP SCHEMA $SCHEMA CASCADE"
