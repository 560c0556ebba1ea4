package dev.ticketing.point;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Balances move only by relative, conditional UPDATEs: no caller reads a balance and
 * writes it back, so concurrent charges and payments can never lose an update.
 */
@Repository
class WalletRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	WalletRepository(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	Optional<Points> balance(UserId user) {
		return this.jdbc.sql("SELECT balance FROM wallet WHERE user_id = ?")
			.param(user.value())
			.query((rs, n) -> Points.of(rs.getLong(1)))
			.optional();
	}

	/**
	 * Adds {@code amount} unless the balance would pass {@code cap}.
	 * @return the balance after, from the UPDATE itself; empty if nothing was added
	 */
	Optional<Points> add(UserId user, Points amount, long cap) {
		return balanceAfter(this.jdbc
			.sql("UPDATE wallet SET balance = balance + :amount WHERE user_id = :user AND balance <= :room")
			.param("amount", amount.value())
			.param("user", user.value())
			.param("room", cap - amount.value()));
	}

	/**
	 * Gives {@code amount} back, whatever the balance: points that were the user's return
	 * even past the charge cap.
	 * @return the balance after, from the UPDATE itself; empty if there is no wallet
	 */
	Optional<Points> giveBack(UserId user, Points amount) {
		return balanceAfter(this.jdbc.sql("UPDATE wallet SET balance = balance + :amount WHERE user_id = :user")
			.param("amount", amount.value())
			.param("user", user.value()));
	}

	/**
	 * Takes {@code amount} only if the balance covers it.
	 * @return the balance after, from the UPDATE itself; empty if nothing was taken
	 */
	Optional<Points> take(UserId user, Points amount) {
		return balanceAfter(this.jdbc
			.sql("UPDATE wallet SET balance = balance - :amount WHERE user_id = :user AND balance >= :amount")
			.param("amount", amount.value())
			.param("user", user.value()));
	}

	private static Optional<Points> balanceAfter(JdbcClient.StatementSpec update) {
		KeyHolder after = new GeneratedKeyHolder();
		if (update.update(after, "balance") != 1) {
			return Optional.empty();
		}
		return Optional.of(Points.of(((Number) after.getKeys().get("balance")).longValue()));
	}

	void record(UserId user, String kind, Points amount, Points balanceAfter, UUID reference, Instant now) {
		this.jdbc.sql("""
				INSERT INTO point_ledger (user_id, kind, amount, balance_after, reference, created_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(user.value(), kind, amount.value(), balanceAfter.value(), reference, Timestamp.from(now))
			.update();
	}

	/**
	 * An empty wallet for {@code user} unless there is one; two first calls at once open
	 * one wallet (the primary key decides, the loser changes nothing).
	 */
	void openEmptyIfAbsent(UserId user, Instant now) {
		this.jdbc.sql("INSERT INTO wallet (user_id, balance, created_at) VALUES (?, 0, ?) ON CONFLICT DO NOTHING")
			.params(user.value(), Timestamp.from(now))
			.update();
	}

	void open(List<UserId> users, Points initial, Instant now) {
		Timestamp at = Timestamp.from(now);
		this.batch.batchUpdate("INSERT INTO wallet (user_id, balance, created_at) VALUES (?, ?, ?)", users, 1000,
				(PreparedStatement ps, UserId user) -> {
					ps.setObject(1, user.value());
					ps.setLong(2, initial.value());
					ps.setTimestamp(3, at);
				});
		if (!initial.isZero()) {
			this.batch.batchUpdate("""
					INSERT INTO point_ledger (user_id, kind, amount, balance_after, created_at)
					VALUES (?, 'CHARGE', ?, ?, ?)""", users, 1000, (PreparedStatement ps, UserId user) -> {
				ps.setObject(1, user.value());
				ps.setLong(2, initial.value());
				ps.setLong(3, initial.value());
				ps.setTimestamp(4, at);
			});
		}
	}

}
