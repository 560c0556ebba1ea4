package dev.ticketing.presale;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PresaleRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	PresaleRepository(JdbcClient jdbc, JdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	Optional<Presale> find(ConcertId concert) {
		return this.jdbc.sql("""
				SELECT concert_id, general_sale_at, registration_opens_at, registration_closes_at, winners, seed,
				       seed_commitment, drawn_at
				  FROM presale WHERE concert_id = ?""")
			.param(concert.value())
			.query(PresaleRepository::presale)
			.optional();
	}

	/**
	 * Creates the concert's presale or changes its general sale's opening and its
	 * lottery.
	 */
	void save(Presale presale) {
		Presale.Lottery lottery = presale.lottery();
		Object[] values = { ts(presale.generalSaleAt()), (lottery != null) ? ts(lottery.opensAt()) : null,
				(lottery != null) ? ts(lottery.closesAt()) : null, (lottery != null) ? lottery.winners() : null,
				(lottery != null) ? lottery.seed() : null, (lottery != null) ? lottery.seedCommitment() : null,
				presale.concert().value() };
		int updated = this.jdbc.sql("""
				UPDATE presale SET general_sale_at = ?, registration_opens_at = ?, registration_closes_at = ?,
				                   winners = ?, seed = ?, seed_commitment = ?
				 WHERE concert_id = ? AND drawn_at IS NULL""").params(values).update();
		if (updated == 0 && this.jdbc.sql("""
				INSERT INTO presale (general_sale_at, registration_opens_at, registration_closes_at, winners, seed,
				                     seed_commitment, concert_id)
				SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM presale WHERE concert_id = ?)""")
			.params(append(values, presale.concert().value()))
			.update() == 0) {
			throw PresaleProblems.alreadyDrawn();
		}
	}

	private static Object[] append(Object[] values, Object last) {
		Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
		all[values.length] = last;
		return all;
	}

	/**
	 * Marks the lottery drawn, once: of two draws at once, one sees the row change.
	 * @return false if it had been drawn already
	 */
	boolean markDrawn(ConcertId concert, Instant at) {
		return this.jdbc.sql("UPDATE presale SET drawn_at = ? WHERE concert_id = ? AND drawn_at IS NULL")
			.params(ts(at), concert.value())
			.update() == 1;
	}

	void insertCodes(ConcertId concert, List<String> codes, Instant at) {
		this.batches.batchUpdate("INSERT INTO presale_code (concert_id, code, created_at) VALUES (?, ?, ?)",
				codes.stream().map((code) -> new Object[] { concert.value(), code, ts(at) }).toList());
	}

	/**
	 * Binds the code to {@code fan} if nobody redeemed it yet: the row count decides
	 * between fans racing for one code.
	 */
	boolean redeem(ConcertId concert, String code, UserId fan, Instant at) {
		return this.jdbc.sql("""
				UPDATE presale_code SET redeemed_by = ?, redeemed_at = ?
				 WHERE concert_id = ? AND code = ? AND redeemed_by IS NULL""")
			.params(fan.value(), ts(at), concert.value(), code)
			.update() == 1;
	}

	/** Who redeemed the code: empty for an unknown code, a null id for one nobody has. */
	Optional<Optional<UUID>> redeemerOf(ConcertId concert, String code) {
		return this.jdbc.sql("SELECT redeemed_by FROM presale_code WHERE concert_id = ? AND code = ?")
			.params(concert.value(), code)
			.query((rs, n) -> Optional.ofNullable(rs.getObject("redeemed_by", UUID.class)))
			.optional();
	}

	List<Code> codes(ConcertId concert) {
		return this.jdbc.sql("""
				SELECT code, created_at, redeemed_at FROM presale_code WHERE concert_id = ?
				 ORDER BY created_at, code""")
			.param(concert.value())
			.query((rs, n) -> new Code(rs.getString("code"), instant(rs, "created_at"), instant(rs, "redeemed_at")))
			.list();
	}

	boolean holdsCode(ConcertId concert, UserId fan) {
		return this.jdbc.sql("SELECT COUNT(*) FROM presale_code WHERE concert_id = ? AND redeemed_by = ?")
			.params(concert.value(), fan.value())
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Registers the fan once; a second registration changes nothing (the unique
	 * constraint settles two at once). Runs outside a transaction, which the refused
	 * duplicate would abort.
	 */
	void register(ConcertId concert, UserId fan, Instant at) {
		try {
			this.jdbc.sql("""
					INSERT INTO presale_registration (concert_id, user_id, registered_at)
					SELECT ?, ?, ? WHERE NOT EXISTS
					       (SELECT 1 FROM presale_registration WHERE concert_id = ? AND user_id = ?)""")
				.params(concert.value(), fan.value(), ts(at), concert.value(), fan.value())
				.update();
		}
		catch (DuplicateKeyException alreadyRegistered) {
			// The same fan registering twice at once: one row, as asked.
		}
	}

	Optional<Registration> registration(ConcertId concert, UserId fan) {
		return this.jdbc.sql("SELECT id, won FROM presale_registration WHERE concert_id = ? AND user_id = ?")
			.params(concert.value(), fan.value())
			.query((rs, n) -> new Registration(rs.getLong("id"), rs.getBoolean("won")))
			.optional();
	}

	/** The ids of the concert's registrations, in order. */
	List<Long> registrations(ConcertId concert) {
		return this.jdbc.sql("SELECT id FROM presale_registration WHERE concert_id = ? ORDER BY id")
			.param(concert.value())
			.query(Long.class)
			.list();
	}

	List<Long> winners(ConcertId concert) {
		return this.jdbc.sql("SELECT id FROM presale_registration WHERE concert_id = ? AND won ORDER BY id")
			.param(concert.value())
			.query(Long.class)
			.list();
	}

	void markWinners(ConcertId concert, List<Long> winners) {
		if (!winners.isEmpty()) {
			this.jdbc.sql("UPDATE presale_registration SET won = TRUE WHERE concert_id = :concert AND id IN (:ids)")
				.param("concert", concert.value())
				.param("ids", winners)
				.update();
		}
	}

	private static Presale presale(ResultSet rs, int row) throws SQLException {
		Instant opensAt = instant(rs, "registration_opens_at");
		Presale.Lottery lottery = (opensAt != null)
				? new Presale.Lottery(opensAt, instant(rs, "registration_closes_at"), rs.getInt("winners"),
						rs.getString("seed"), rs.getString("seed_commitment"), instant(rs, "drawn_at"))
				: null;
		return new Presale(new ConcertId(rs.getObject("concert_id", UUID.class)), instant(rs, "general_sale_at"),
				lottery);
	}

	private static Timestamp ts(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return (ts != null) ? ts.toInstant() : null;
	}

	record Code(String code, Instant createdAt, Instant redeemedAt) {
	}

	record Registration(long id, boolean won) {
	}

}
