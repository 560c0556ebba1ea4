package dev.ticketing.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The integrity checks a load test ends with. Unlike every feature module, the audit
 * reads the other modules' tables (and the queue's Redis keys) directly: it is a
 * cross-cutting check of the invariants the modules promise together, so it must not
 * trust their APIs to report on themselves. It only reads; it changes nothing.
 * <p>
 * Each check counts the rows that break one invariant; a check passes when it counts
 * none. The ACTIVE check sees the queue as it is now, so it is meaningful right after a
 * run (or sampled during one), not as a history.
 */
class IntegrityAudit {

	private final JdbcClient jdbc;

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	private final int maxActive;

	private final Clock clock;

	/**
	 * @param redis the queue's Redis, or {@code null} when the queue is in-process (then
	 * the ACTIVE count is not checked)
	 */
	IntegrityAudit(JdbcClient jdbc, StringRedisTemplate redis, String keyPrefix, int maxActive, Clock clock) {
		this.jdbc = jdbc;
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.maxActive = maxActive;
		this.clock = clock;
	}

	List<Finding> run() {
		List<Finding> findings = new ArrayList<>();
		findings.add(count("seat held or sold at most once",
				"seats with more than one live (HELD, unexpired, or CONFIRMED) reservation", """
						SELECT count(*) FROM (
						  SELECT seat_id FROM reservation
						  WHERE status = 'CONFIRMED' OR (status = 'HELD' AND expires_at > now())
						  GROUP BY seat_id HAVING count(*) > 1) twice
						"""));
		findings.add(count("sold seat matches its reservation",
				"SOLD seats without exactly one CONFIRMED reservation, or whose reservation_id is not it", """
						SELECT count(*) FROM seat s
						WHERE s.status = 'SOLD' AND (
						  (SELECT count(*) FROM reservation r WHERE r.seat_id = s.id AND r.status = 'CONFIRMED') <> 1
						  OR NOT EXISTS (SELECT 1 FROM reservation r
						                 WHERE r.id = s.reservation_id AND r.seat_id = s.id AND r.status = 'CONFIRMED'))
						"""));
		findings.add(count("confirmed reservation holds a sold seat",
				"CONFIRMED reservations whose seat is not SOLD to them", """
						SELECT count(*) FROM reservation r
						WHERE r.status = 'CONFIRMED' AND NOT EXISTS (
						  SELECT 1 FROM seat s WHERE s.id = r.seat_id AND s.status = 'SOLD' AND s.reservation_id = r.id)
						"""));
		findings.add(count("confirmed reservation paid exactly once",
				"CONFIRMED reservations without exactly one payment of their price by their user",
				"""
						SELECT count(*) FROM reservation r
						WHERE r.status = 'CONFIRMED' AND (
						  (SELECT count(*) FROM payment p WHERE p.reservation_id = r.id) <> 1
						  OR NOT EXISTS (SELECT 1 FROM payment p
						                 WHERE p.reservation_id = r.id AND p.amount = r.price AND p.user_id = r.user_id))
						"""));
		findings.add(count("payment confirms a reservation", "payments whose reservation is not CONFIRMED", """
				SELECT count(*) FROM payment p
				WHERE NOT EXISTS (SELECT 1 FROM reservation r WHERE r.id = p.reservation_id AND r.status = 'CONFIRMED')
				"""));
		findings.add(count("balance equals its ledger", "wallets whose balance is not sum(CHARGE) - sum(USE)", """
				SELECT count(*) FROM wallet w
				WHERE w.balance <> (SELECT coalesce(sum(CASE l.kind WHEN 'CHARGE' THEN l.amount ELSE -l.amount END), 0)
				                    FROM point_ledger l WHERE l.user_id = w.user_id)
				"""));
		findings.add(moneyConserved());
		findings.add(activeWithinCap());
		return findings;
	}

	private Finding count(String check, String what, String sql) {
		long broken = this.jdbc.sql(sql).query(Long.class).single();
		return new Finding(check, broken == 0, broken + " " + what);
	}

	private Finding moneyConserved() {
		long balances = sum("SELECT coalesce(sum(balance), 0) FROM wallet");
		long payments = sum("SELECT coalesce(sum(amount), 0) FROM payment");
		long charges = sum("SELECT coalesce(sum(amount), 0) FROM point_ledger WHERE kind = 'CHARGE'");
		long uses = sum("SELECT coalesce(sum(amount), 0) FROM point_ledger WHERE kind = 'USE'");
		boolean conserved = balances + payments == charges && uses == payments;
		return new Finding("money conserved", conserved,
				"balances %d + payments %d %s charges %d; uses %d %s payments".formatted(balances, payments,
						(balances + payments == charges) ? "=" : "≠", charges, uses, (uses == payments) ? "=" : "≠"));
	}

	private long sum(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private Finding activeWithinCap() {
		String check = "ACTIVE users within max-active";
		if (this.redis == null) {
			return new Finding(check, true, "not checked: the queue is in-process (embedded mode)");
		}
		long now = this.clock.millis();
		long highest = 0;
		int concerts = 0;
		List<String> over = new ArrayList<>();
		ScanOptions match = ScanOptions.scanOptions().match(this.keyPrefix + "queue:{*}:active").count(500).build();
		try (Cursor<String> keys = this.redis.scan(match)) {
			while (keys.hasNext()) {
				String key = keys.next();
				// Members are scored by their admission's expiry; run-out ones no longer
				// count.
				Long active = this.redis.opsForZSet().count(key, now + 1, Double.POSITIVE_INFINITY);
				long count = (active != null) ? active : 0;
				concerts++;
				highest = Math.max(highest, count);
				if (count > this.maxActive) {
					over.add(key + "=" + count);
				}
			}
		}
		String detail = "%d concerts, most ACTIVE now %d, max-active %d".formatted(concerts, highest, this.maxActive);
		return new Finding(check, over.isEmpty(), over.isEmpty() ? detail : detail + "; over: " + Set.copyOf(over));
	}

	/** One check's outcome. */
	record Finding(String check, boolean passed, String detail) {

	}

}
