package dev.ticketing.payment;

import java.sql.Timestamp;
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
				VALUES (?, ?, ?, ?, 'COMPLETED', ?)""")
			.params(payment.id(), payment.reservationId().value(), payment.userId().value(), payment.amount().value(),
					Timestamp.from(payment.paidAt()))
			.update();
	}

	Optional<Payment> findByReservation(ReservationId reservation) {
		return this.jdbc
			.sql("SELECT id, reservation_id, user_id, amount, paid_at FROM payment WHERE reservation_id = ?")
			.param(reservation.value())
			.query((rs, n) -> new Payment(rs.getObject("id", UUID.class),
					new ReservationId(rs.getObject("reservation_id", UUID.class)),
					new UserId(rs.getObject("user_id", UUID.class)), Points.of(rs.getLong("amount")),
					rs.getTimestamp("paid_at").toInstant()))
			.optional();
	}

}
