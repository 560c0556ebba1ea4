package dev.ticketing.payment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.reservation.ReservationId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PaymentRepository {

	private final JdbcClient jdbc;

	PaymentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Payment payment) {
		this.jdbc.sql("""
				INSERT INTO payment (id, reservation_id, user_id, amount, status, paid_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(payment.id(), payment.reservationId().value(), payment.userId().value(), payment.amount().value(),
					payment.status().name(), Timestamp.from(payment.paidAt()))
			.update();
	}

	/**
	 * COMPLETED → REFUNDED: the row count says whether this caller refunded it. Of two
	 * refunds at once, the second waits on the row lock, then finds it REFUNDED.
	 */
	boolean markRefunded(ReservationId reservation, UserId by, Instant now) {
		// by: null in the open security mode, where nobody is signed in.
		return this.jdbc.sql("""
				UPDATE payment SET status = 'REFUNDED', refunded_at = ?, refunded_by = ?
				 WHERE reservation_id = ? AND status = 'COMPLETED'""")
			.params(Timestamp.from(now), (by != null) ? by.value() : null, reservation.value())
			.update() == 1;
	}

	/** The payment's refund, if it was refunded. */
	Optional<Refund> findRefund(ReservationId reservation) {
		return this.jdbc.sql("""
				SELECT id, reservation_id, user_id, amount, refunded_at FROM payment
				 WHERE reservation_id = ? AND status = 'REFUNDED'""")
			.param(reservation.value())
			.query((rs, n) -> new Refund(rs.getObject("id", UUID.class),
					new ReservationId(rs.getObject("reservation_id", UUID.class)),
					new UserId(rs.getObject("user_id", UUID.class)), Points.of(rs.getLong("amount")),
					rs.getTimestamp("refunded_at").toInstant()))
			.optional();
	}

	Optional<Payment> findByReservation(ReservationId reservation) {
		return this.jdbc
			.sql("SELECT id, reservation_id, user_id, amount, paid_at, status FROM payment WHERE reservation_id = ?")
			.param(reservation.value())
			.query((rs, n) -> new Payment(rs.getObject("id", UUID.class),
					new ReservationId(rs.getObject("reservation_id", UUID.class)),
					new UserId(rs.getObject("user_id", UUID.class)), Points.of(rs.getLong("amount")),
					rs.getTimestamp("paid_at").toInstant(), PaymentStatus.valueOf(rs.getString("status"))))
			.optional();
	}

}
