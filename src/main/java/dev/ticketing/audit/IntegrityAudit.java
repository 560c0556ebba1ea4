package dev.ticketing.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.LiveHold;
import dev.ticketing.queue.QueueCensus;
import dev.ticketing.queue.QueueCensus.ActiveUsers;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The integrity checks a load test ends with. Unlike every feature module, the audit
 * reads the other modules' tables directly: it is a cross-cutting check of the invariants
 * the modules promise together, so it must not trust their APIs to report on themselves.
 * Who is admitted it takes from the {@link QueueCensus}, which reads the queue's store
 * without the script that admits. It only reads; it changes nothing.
 * <p>
 * Each check counts the rows that break one invariant; a check passes when it counts
 * none. The ACTIVE check sees the queue as it is now, so it is meaningful right after a
 * run (or sampled during one), not as a history.
 */
class IntegrityAudit {

	private final JdbcClient jdbc;

	private final QueueCensus census;

	private final Clock clock;

	IntegrityAudit(JdbcClient jdbc, QueueCensus census, Clock clock) {
		this.jdbc = jdbc;
		this.census = census;
		this.clock = clock;
	}

	List<Finding> run() {
		List<Finding> findings = new ArrayList<>();
		findings
			.add(count("seat held or sold at most once", "seats with more than one live hold or PAID reservation", """
					SELECT count(*) FROM (
					  SELECT seat_id FROM reservation
					  WHERE status = 'PAID' OR %s
					  GROUP BY seat_id HAVING count(*) > 1) twice
					""".formatted(LiveHold.sql("status", "expires_at"))));
		findings.add(count("sold seat matches its reservation",
				"SOLD seats without exactly one PAID reservation, or whose reservation_id is not it", """
						SELECT count(*) FROM seat s
						WHERE s.status = 'SOLD' AND (
						  (SELECT count(*) FROM reservation r WHERE r.seat_id = s.id AND r.status = 'PAID') <> 1
						  OR NOT EXISTS (SELECT 1 FROM reservation r
						                 WHERE r.id = s.reservation_id AND r.seat_id = s.id AND r.status = 'PAID'))
						"""));
		findings.add(count("paid reservation holds a sold seat", "PAID reservations whose seat is not SOLD to them", """
				SELECT count(*) FROM reservation r
				WHERE r.status = 'PAID' AND NOT EXISTS (
				  SELECT 1 FROM seat s WHERE s.id = r.seat_id AND s.status = 'SOLD' AND s.reservation_id = r.id)
				"""));
		findings.add(count("paid reservation paid for exactly once",
				"PAID reservations without exactly one payment of their price by their user",
				"""
						SELECT count(*) FROM reservation r
						WHERE r.status = 'PAID' AND (
						  (SELECT count(*) FROM payment p WHERE p.reservation_id = r.id) <> 1
						  OR NOT EXISTS (SELECT 1 FROM payment p
						                 WHERE p.reservation_id = r.id AND p.amount = r.price AND p.user_id = r.user_id))
						"""));
		findings.add(count("payment and reservation agree",
				"COMPLETED payments whose reservation is not PAID, or REFUNDED ones whose is not REFUNDED", """
						SELECT count(*) FROM payment p
						WHERE NOT EXISTS (SELECT 1 FROM reservation r WHERE r.id = p.reservation_id
						                  AND r.status = CASE p.status WHEN 'REFUNDED' THEN 'REFUNDED' ELSE 'PAID' END)
						"""));
		findings.add(count("held seat has its reservation", "HELD seats whose reservation does not exist", """
				SELECT count(*) FROM seat s
				WHERE s.status = 'HELD' AND NOT EXISTS (SELECT 1 FROM reservation r WHERE r.id = s.reservation_id)
				"""));
		findings.add(count("payment taken exactly once",
				"payments without exactly one USE of their amount from their payer, or USEs of no payment",
				"""
						SELECT (SELECT count(*) FROM payment p
						        WHERE (SELECT count(*) FROM point_ledger l WHERE l.kind = 'USE' AND l.reference = p.reservation_id) <> 1
						          OR NOT EXISTS (SELECT 1 FROM point_ledger l WHERE l.kind = 'USE'
						                         AND l.reference = p.reservation_id AND l.amount = p.amount AND l.user_id = p.user_id))
						     + (SELECT count(*) FROM point_ledger l
						        WHERE l.kind = 'USE' AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.reservation_id = l.reference))
						"""));
		findings.add(count("refunded seat released", "REFUNDED reservations whose seat is still theirs",
				"""
						SELECT count(*) FROM reservation r
						WHERE r.status = 'REFUNDED' AND EXISTS (SELECT 1 FROM seat s WHERE s.id = r.seat_id AND s.reservation_id = r.id)
						"""));
		findings.add(count("refund paid back exactly once",
				"REFUNDED payments without exactly one REFUND of their amount to their user, or REFUNDs of no such payment",
				"""
						SELECT (SELECT count(*) FROM payment p
						        WHERE p.status = 'REFUNDED' AND (
						          (SELECT count(*) FROM point_ledger l WHERE l.kind = 'REFUND' AND l.reference = p.reservation_id) <> 1
						          OR NOT EXISTS (SELECT 1 FROM point_ledger l WHERE l.kind = 'REFUND'
						                         AND l.reference = p.reservation_id AND l.amount = p.amount AND l.user_id = p.user_id)))
						     + (SELECT count(*) FROM point_ledger l
						        WHERE l.kind = 'REFUND' AND NOT EXISTS (SELECT 1 FROM payment p
						                                                 WHERE p.reservation_id = l.reference AND p.status = 'REFUNDED'))
						"""));
		findings.add(count("balance equals its ledger",
				"wallets whose balance is not sum(CHARGE) + sum(REFUND) - sum(USE)",
				"""
						SELECT count(*) FROM wallet w
						WHERE w.balance <> (SELECT coalesce(sum(CASE l.kind WHEN 'USE' THEN -l.amount ELSE l.amount END), 0)
						                    FROM point_ledger l WHERE l.user_id = w.user_id)
						"""));
		findings.add(count("paid seat has its ticket",
				"PAID reservations without a VALID ticket held by the fan it counts for (its buyer, or the fan it was "
						+ "given to), VALID tickets of no PAID reservation, and tickets whose last transfer is not "
						+ "to their holder",
				"""
						SELECT (SELECT count(*) FROM reservation r
						        WHERE r.status = 'PAID' AND NOT EXISTS (
						          SELECT 1 FROM ticket t WHERE t.reservation_id = r.id AND t.status = 'VALID'
						                                   AND t.holder_id = coalesce(r.given_to, r.user_id)))
						     + (SELECT count(*) FROM ticket t
						        WHERE t.status = 'VALID' AND NOT EXISTS (
						          SELECT 1 FROM reservation r WHERE r.id = t.reservation_id AND r.status = 'PAID'))
						     + (SELECT count(*) FROM ticket t
						        WHERE EXISTS (SELECT 1 FROM ticket_transfer x WHERE x.ticket_id = t.id)
						          AND t.holder_id <> (SELECT x.to_holder FROM ticket_transfer x WHERE x.ticket_id = t.id
						                              ORDER BY x.transferred_at DESC, x.id LIMIT 1))
						"""));
		findings.add(moneyConserved());
		findings.add(activeWithinCap());
		return findings;
	}

	/**
	 * @param sql counts the broken rows; {@code :now}, if it says it, is the audit's
	 * clock's
	 */
	private Finding count(String check, String what, String sql) {
		long broken = this.jdbc.sql(sql).param("now", Timestamp.from(this.clock.instant())).query(Long.class).single();
		return new Finding(check, broken == 0, broken + " " + what);
	}

	/**
	 * Every point charged is in a wallet or kept by a payment that stands; every point
	 * taken was taken by a payment, and every one given back by a refunded one.
	 */
	private Finding moneyConserved() {
		long balances = sum("SELECT coalesce(sum(balance), 0) FROM wallet");
		long payments = sum("SELECT coalesce(sum(amount), 0) FROM payment");
		long kept = sum("SELECT coalesce(sum(amount), 0) FROM payment WHERE status = 'COMPLETED'");
		long refundedPayments = payments - kept;
		long charges = sum("SELECT coalesce(sum(amount), 0) FROM point_ledger WHERE kind = 'CHARGE'");
		long uses = sum("SELECT coalesce(sum(amount), 0) FROM point_ledger WHERE kind = 'USE'");
		long refunds = sum("SELECT coalesce(sum(amount), 0) FROM point_ledger WHERE kind = 'REFUND'");
		boolean conserved = balances + kept == charges && uses == payments && refunds == refundedPayments;
		return new Finding("money conserved", conserved,
				"balances %d + kept payments %d %s charges %d; uses %d %s payments %d; refunds %d %s refunded %d"
					.formatted(balances, kept, (balances + kept == charges) ? "=" : "≠", charges, uses,
							(uses == payments) ? "=" : "≠", payments, refunds,
							(refunds == refundedPayments) ? "=" : "≠", refundedPayments));
	}

	private long sum(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private Finding activeWithinCap() {
		String check = "ACTIVE users within max-active";
		ActiveUsers active = this.census.activeAt(this.clock.instant());
		// A concert's own cap, where its organiser set one, replaces max-active.
		Map<ConcertId, Integer> caps = new HashMap<>();
		this.jdbc.sql("SELECT id, queue_max_active FROM concert WHERE queue_max_active IS NOT NULL")
			.query((rs, n) -> caps.put(ConcertId.of(rs.getString("id")), rs.getInt("queue_max_active")))
			.list();
		List<String> over = new ArrayList<>();
		active.perConcert().forEach((concert, count) -> {
			if (count > caps.getOrDefault(concert, active.maxActive())) {
				over.add(concert + "=" + count);
			}
		});
		long highest = active.perConcert().values().stream().mapToLong(Long::longValue).max().orElse(0);
		String detail = "%d concerts, most ACTIVE now %d, max-active %d".formatted(active.perConcert().size(), highest,
				active.maxActive());
		return new Finding(check, over.isEmpty(), over.isEmpty() ? detail : detail + "; over: " + Set.copyOf(over));
	}

	/** One check's outcome. */
	record Finding(String check, boolean passed, String detail) {

	}

}
